export { readK6Samples, splitCsvLine, type K6Sample } from './k6-samples.js';
export {
  readK6Summary,
  thresholdResults,
  type K6Metric,
  type K6Summary,
  type ThresholdResult,
} from './k6-summary.js';
export { renderReport, type ReportInput, type ReportSeries } from './render-report.js';
export {
  escapeXml,
  lineChart,
  niceStep,
  type ChartSeries,
  type LineChartOptions,
} from './svg-chart.js';
export { bucketMsFor, quantile, TimeBuckets, type BucketStats } from './time-buckets.js';
export { writeReport, type WriteReportOptions } from './write-report.js';
