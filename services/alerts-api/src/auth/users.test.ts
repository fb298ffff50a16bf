import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '@fraud/common';
import { createUserDirectory, parseUsers } from './users.js';

test('parses the user list and refuses malformed or duplicate entries', () => {
  assert.deepEqual(parseUsers('ann:pw1:analyst,vic:pw2:viewer'), [
    { username: 'ann', password: 'pw1', role: 'analyst' },
    { username: 'vic', password: 'pw2', role: 'viewer' },
  ]);
  for (const bad of ['ann:pw', 'ann:pw:admin', ':pw:viewer', 'a:1:viewer,a:2:analyst']) {
    assert.throws(() => parseUsers(bad), ConfigError, bad);
  }
});

test('verifies passwords; a wrong password or unknown user gets nothing', async () => {
  const users = await createUserDirectory(parseUsers('ann:secret-1:analyst,vic:secret-2:viewer'));
  assert.deepEqual(await users.verify('ann', 'secret-1'), { username: 'ann', role: 'analyst' });
  assert.deepEqual(await users.verify('vic', 'secret-2'), { username: 'vic', role: 'viewer' });
  assert.equal(await users.verify('ann', 'secret-2'), undefined);
  assert.equal(await users.verify('ann', ''), undefined);
  assert.equal(await users.verify('nobody', 'secret-1'), undefined);
});
