export type { Window, Windowed } from './window.js';
export {
  tumblingWindows,
  hoppingWindows,
  windowsFor,
  type TimeWindows,
  type TumblingOptions,
  type HoppingOptions,
} from './time-windows.js';
export { slidingWindows, type SlidingWindows, type SlidingOptions } from './sliding-windows.js';
