export { buildDataset, type DatasetOptions, type DatasetResult } from './build-dataset.js';
