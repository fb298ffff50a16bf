import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shortcutFor, type KeyPress } from './shortcuts.js';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  inTextField: false,
  ...extra,
});

test('triage keys map to their actions for an analyst', () => {
  assert.equal(shortcutFor(press('j'), true), 'next');
  assert.equal(shortcutFor(press('ArrowUp'), true), 'previous');
  assert.equal(shortcutFor(press('a'), true), 'acknowledge');
  assert.equal(shortcutFor(press('f'), true), 'fraud');
  assert.equal(shortcutFor(press('l'), true), 'legit');
  assert.equal(shortcutFor(press('?'), true), 'help');
  assert.equal(shortcutFor(press('x'), true), null);
});

test('a viewer navigates but cannot decide', () => {
  assert.equal(shortcutFor(press('k'), false), 'previous');
  assert.equal(shortcutFor(press('a'), false), null);
  assert.equal(shortcutFor(press('f'), false), null);
});

test('typing in a field or with a modifier is not a command; Escape always is', () => {
  assert.equal(shortcutFor(press('f', { inTextField: true }), true), null);
  assert.equal(shortcutFor(press('a', { ctrlKey: true }), true), null);
  assert.equal(shortcutFor(press('Escape', { inTextField: true }), true), 'close');
});
