import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  checkRecordTarget,
  describeRecordConflict,
} from '../../source/record/record-target.js';

const isRoot = process.getuid?.() === 0;
const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;

function folder(): string {
  return mkdtempSync(path.join(tmpdir(), 'traintop-record-'));
}

describe('checkRecordTarget', () => {
  it('accepts a new file in an existing folder', () => {
    const file = path.join(folder(), 'run.cast');

    expect(checkRecordTarget(file, true)).toBeNull();
    expect(existsSync(file)).toBe(false);
  });

  it('accepts any extension and an existing file', () => {
    const file = path.join(folder(), 'session.txt');
    writeFileSync(file, 'old');

    expect(checkRecordTarget(file, true)).toBeNull();
  });

  it('rejects a missing folder', () => {
    const missing = path.join(folder(), 'casts');
    const file = path.join(missing, 'run.cast');

    expect(checkRecordTarget(file, true)).toBe(
      `Cannot record to ${file}: the folder ${missing} does not exist; ` +
        'create it, or pass --record a path in an existing folder.',
    );
  });

  it('rejects a folder', () => {
    const target = folder();

    const message = checkRecordTarget(target, true);
    expect(message).toContain(`Cannot record to ${target}: it is a folder`);
    expect(message).toContain(path.join(target, 'session.cast'));
  });

  it('rejects a path under a file', () => {
    const parent = path.join(folder(), 'notes.txt');
    writeFileSync(parent, '');
    const file = path.join(parent, 'run.cast');

    expect(checkRecordTarget(file, true)).toContain(
      `${parent} is not a folder`,
    );
  });

  it.skipIf(!hasMkfifo)('rejects a named pipe', () => {
    const pipe = path.join(folder(), 'pipe.cast');
    execFileSync('mkfifo', [pipe]);

    expect(checkRecordTarget(pipe, true)).toContain('not a regular file');
  });

  // Root may write anywhere, so permissions can only be tested as a user.
  it.skipIf(isRoot)('rejects a folder without write permission', () => {
    const locked = path.join(folder(), 'locked');
    mkdirSync(locked, { mode: 0o500 });
    const file = path.join(locked, 'run.cast');

    expect(checkRecordTarget(file, true)).toContain(
      `Cannot record to ${file} (EACCES): the folder ${locked} is not writable`,
    );
  });

  it.skipIf(isRoot)('rejects a read-only file', () => {
    const file = path.join(folder(), 'run.cast');
    writeFileSync(file, '');
    chmodSync(file, 0o400);

    expect(checkRecordTarget(file, true)).toContain(
      `Cannot record to ${file} (EACCES): the file is not writable`,
    );
  });

  it('leaves no file behind when it accepts a path', () => {
    const file = path.join(folder(), 'run.cast');
    checkRecordTarget(file, true);

    expect(existsSync(file)).toBe(false);
  });

  it.skipIf(!existsSync('/proc/self'))(
    'rejects a folder that takes no new files',
    () => {
      expect(checkRecordTarget('/proc/run.cast', true)).toBe(
        'Cannot record to /proc/run.cast (ENOENT): pass --record a path in ' +
          'a folder where you can create files.',
      );
    },
  );

  it('rejects a blank path', () => {
    expect(checkRecordTarget(' ', true)).toBe(
      'Invalid --record " ": expected a file path such as run.cast.',
    );
  });

  it('rejects output that is not a terminal', () => {
    const file = path.join(folder(), 'run.cast');

    expect(checkRecordTarget(file, false)).toBe(
      `Cannot record to ${file}: stdout is not a terminal, so no monitor ` +
        'is drawn to record; run traintop in a terminal, or drop --record.',
    );
  });

  it('names a bad path before a missing terminal', () => {
    const file = path.join(folder(), 'missing', 'run.cast');

    expect(checkRecordTarget(file, false)).toContain('does not exist');
  });
});

describe('describeRecordConflict', () => {
  it('names the output flag', () => {
    expect(describeRecordConflict('json')).toBe(
      'Cannot use --record with --json: --record records the monitor, ' +
        'which --json replaces with lines; drop one of them.',
    );
  });
});
