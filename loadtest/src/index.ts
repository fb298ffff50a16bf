/**
 * @fraud/loadtest: deterministic payment traffic with labelled fraud, for the demo, the
 * training pipeline (offline files) and the load tests (live posting).
 */
export * from './generator/index.js';
