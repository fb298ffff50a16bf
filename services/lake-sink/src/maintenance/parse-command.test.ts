import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommand } from './parse-command.js';

const now = Date.UTC(2024, 4, 10);
const DAY = 86_400_000;

describe('parseCommand', () => {
  it('parses each command with its options', () => {
    assert.deepEqual(
      parseCommand(['compact', '--table', 'lake.payments', '--target-file-size', '1MiB'], now),
      {
        ok: true,
        command: {
          name: 'compact',
          table: { namespace: 'lake', name: 'payments' },
          dryRun: false,
          targetFileSizeBytes: 1024 * 1024,
        },
      },
    );
    assert.deepEqual(
      parseCommand(
        ['expire-snapshots', '--table', 'a.b.t', '--older-than', '7d', '--dry-run'],
        now,
      ),
      {
        ok: true,
        command: {
          name: 'expire-snapshots',
          table: { namespace: 'a.b', name: 't' },
          dryRun: true,
          olderThanMs: now - 7 * DAY,
        },
      },
    );
  });

  it('defaults the orphan safety age to three days', () => {
    const parsed = parseCommand(['remove-orphans', '--table', 'lake.t'], now);
    assert.ok(parsed.ok);
    assert.equal(
      parsed.command.name === 'remove-orphans' && parsed.command.olderThanMs,
      now - 3 * DAY,
    );
  });

  it('says what is wrong', () => {
    const error = (argv: string[]) => {
      const parsed = parseCommand(argv, now);
      return parsed.ok ? '' : parsed.error;
    };
    assert.match(error(['compact']), /--table/);
    assert.match(error(['vacuum', '--table', 'a.t']), /unknown command vacuum/);
    assert.match(
      error(['expire-snapshots', '--table', 'a.t']),
      /--older-than and\/or --retain-last/,
    );
    assert.match(error(['expire-snapshots', '--table', 'a.t', '--retain-last', '0']), /positive/);
    assert.match(error(['remove-orphans', '--table', 'a.t', '--older-than', 'soon']), /duration/);
    assert.match(error(['compact', '--table', 'a.t', '--bogus']), /bogus/);
  });
});
