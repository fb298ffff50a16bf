export { TopologyTestDriver, type TestDriverOptions, type TestRecord } from './test-driver.js';
