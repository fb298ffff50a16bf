export { Task, type TaskOptions } from './task.js';
export { openTaskStores, taskIdOf } from './task-stores.js';
export { deadLetterRecord, DEAD_LETTER_HEADERS } from './dead-letter-record.js';
