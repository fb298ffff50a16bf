import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from './logger.js';

test('redacts card numbers and authorization headers', () => {
  const lines: string[] = [];
  const logger = createLogger({
    name: 't',
    destination: { write: (line: string) => lines.push(line) },
  });
  logger.info({ pan: '4111111111111111', req: { headers: { authorization: 'Bearer x' } } }, 'hi');
  assert.equal(lines.length, 1);
  assert.doesNotMatch(lines[0] ?? '', /4111111111111111|Bearer x/);
  assert.match(lines[0] ?? '', /"pan":"\[redacted\]"/);
});
