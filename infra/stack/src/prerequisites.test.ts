import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StackError } from './errors.js';
import { findJava, findPostgresBin } from './prerequisites.js';

test('prefers the Java on the PATH when it is recent enough', () => {
  const onPath = findJava(11, [], 'kafka');
  assert.equal(onPath.java, 'java');
  assert.ok(onPath.major >= 11);
});

test('a preferred runtime that does not exist is passed over', () => {
  assert.equal(findJava(11, ['/no/such/jdk/bin/java'], 'kafka').java, 'java');
});

test('a missing Java runtime is a clear error naming the component and the fix', () => {
  assert.throws(
    () => findJava(99, ['/no/such/jdk/bin/java'], 'registry'),
    (error: unknown) => {
      assert.ok(error instanceof StackError);
      assert.equal(error.component, 'registry');
      assert.match(error.message, /^registry: needs Java 99\+/);
      assert.match(error.hint ?? '', /install a JDK 99\+/);
      return true;
    },
  );
});

test('a wrong PG_BIN is a clear error', () => {
  assert.throws(
    () => findPostgresBin('/no/such/dir'),
    /PostgreSQL server binaries not found[\s\S]*PG_BIN/,
  );
});
