/**
 * The end-to-end bench's parts (`npm run bench -- e2e`), and the service starter the demo
 * shares with it.
 */
export {
  parseBenchOptions,
  parseDuration,
  E2E_USAGE,
  type E2eBenchOptions,
} from './bench-options.js';
export { benchRun, serviceEnv, type BenchRun } from './bench-run.js';
export { cleanUpRun, type CleanUpOptions } from './clean-up-run.js';
export {
  groupLag,
  lagTrend,
  readGroupLag,
  type CommittedOffset,
  type LagSample,
  type LagTrend,
  type TopicEnd,
} from './consumer-lag.js';
export { formatBytes, formatStep } from './format-step.js';
export { logProblems } from './log-problems.js';
export { cdcCommitTime } from './cdc-commit-time.js';
export { ArrivalLog, summarizeLatency, type Arrival, type LatencySummary } from './latency.js';
export { startOutputReader, type OutputReader, type OutputReaderOptions } from './output-reader.js';
export {
  cpuPercent,
  parseProcStat,
  parsePssBytes,
  processTree,
  type ProcStat,
} from './proc-stat.js';
export {
  ProcessSampler,
  systemConstants,
  type ProcessGroup,
  type ProcessSample,
  type WatchedProcess,
} from './process-sampler.js';
export { summarizeUsage, type ProcessUsage, type UsageSummary } from './process-usage.js';
export {
  PIPELINE_SERVICES,
  portAnswers,
  spawnService,
  type PipelineService,
  type ServiceProcess,
  type StartServiceOptions,
} from './service-process.js';
export { stepResult, type StepInputs, type StepResult } from './step-result.js';
export {
  highestPassingRate,
  judgeStep,
  sweepRates,
  type StepFigures,
  type StepVerdict,
} from './step-verdict.js';
