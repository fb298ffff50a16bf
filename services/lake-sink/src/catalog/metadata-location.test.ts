import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextMetadataLocation, versionHint } from './metadata-location.js';

describe('metadata locations', () => {
  it('numbers metadata files from the base version', () => {
    assert.match(
      nextMetadataLocation('file:///t', null),
      /^file:\/\/\/t\/metadata\/00000-[0-9a-f-]{36}\.metadata\.json$/,
    );
    const next = nextMetadataLocation('file:///t', 'file:///t/metadata/00041-abc.metadata.json');
    assert.match(next, /\/metadata\/00042-/);
  });

  it('writes the hint as the file name without extension or newline', () => {
    assert.deepEqual(versionHint('file:///t/metadata/00003-abc.metadata.json'), {
      uri: 'file:///t/metadata/version-hint.text',
      content: '00003-abc',
    });
  });
});
