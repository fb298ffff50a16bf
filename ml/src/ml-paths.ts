import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The ml/ workspace folder and the files the TypeScript side hands to Python. */
export const mlDir = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const repoRoot = resolve(mlDir, '..');
export const requirementsFile = join(mlDir, 'requirements.txt');
export const trainScript = join(mlDir, 'train.py');
export const wrongShapeScript = join(mlDir, 'fixtures', 'make_wrong_shape.py');
