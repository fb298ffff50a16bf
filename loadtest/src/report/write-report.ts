import { writeFileSync } from 'node:fs';
import { readK6Samples } from './k6-samples.js';
import { readK6Summary } from './k6-summary.js';
import { renderReport, type ReportInput } from './render-report.js';
import { bucketMsFor, TimeBuckets } from './time-buckets.js';

export interface WriteReportOptions {
  summaryFile: string;
  /** k6's `--out csv=` file (gzipped or not). */
  samplesFile: string;
  reportFile: string;
  title: string;
  description: string;
  facts: ReportInput['facts'];
}

const POST = 'POST /payments';

/** Reads k6's summary and samples and writes the HTML report; returns its path. */
export async function writeReport(options: WriteReportOptions): Promise<string> {
  const summary = readK6Summary(options.summaryFile);
  let series: { post: TimeBuckets; score: TimeBuckets; failed: TimeBuckets } | undefined;
  const bucketMs = bucketMsFor(summary.state?.testRunDurationMs ?? 60_000);
  for await (const sample of readK6Samples(options.samplesFile)) {
    // Buckets start at the first sample, whatever metric it is.
    series ??= {
      post: new TimeBuckets(sample.timeMs, bucketMs),
      score: new TimeBuckets(sample.timeMs, bucketMs),
      failed: new TimeBuckets(sample.timeMs, bucketMs),
    };
    if (sample.metric === 'http_req_duration' && sample.name === POST) {
      series.post.add(sample.timeMs, sample.value);
    } else if (sample.metric === 'http_req_failed' && sample.name === POST) {
      series.failed.add(sample.timeMs, sample.value);
    } else if (sample.metric === 'time_to_score') {
      series.score.add(sample.timeMs, sample.value);
    }
  }
  const html = renderReport({
    title: options.title,
    description: options.description,
    facts: options.facts,
    summary,
    series: {
      bucketSeconds: bucketMs / 1000,
      post: series?.post.stats() ?? [],
      score: series?.score.stats() ?? [],
      failed: series?.failed.stats() ?? [],
    },
  });
  writeFileSync(options.reportFile, html);
  return options.reportFile;
}
