import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

// The real program, built by `npm run build`. Its stdout is a pipe here, so
// these runs cover only the checks made before any monitor is drawn.
const main = path.resolve('dist/source/cli/main.js');
const smallSweep = ['--trees', '20', '--max-features', '1', '--seeds', '1'];

function traintop(args: readonly string[]) {
  return spawnSync(process.execPath, [main, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
    timeout: 60_000,
  });
}

function folder(): string {
  return mkdtempSync(path.join(tmpdir(), 'traintop-record-run-'));
}

/** Runs a sweep that must be rejected and returns its error and folders. */
function rejectedRun(recordPath: string, extra: readonly string[] = []) {
  const out = path.join(folder(), 'runs');
  const result = traintop([
    ...smallSweep,
    '--record',
    recordPath,
    '--out',
    out,
    ...extra,
  ]);

  return { result, out };
}

describe('traintop run --record', () => {
  it('rejects a missing folder before the run starts', () => {
    const missing = path.join(folder(), 'casts');
    const file = path.join(missing, 'run.cast');
    const { result, out } = rejectedRun(file);

    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `error: Cannot record to ${file}: the folder ${missing} does not ` +
        'exist; create it, or pass --record a path in an existing folder.\n',
    );
    expect(result.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('rejects a folder as the path', () => {
    const target = folder();
    const { result, out } = rejectedRun(target);

    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^error: Cannot record to .*: it is a folder/,
    );
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects output that is not a terminal', () => {
    const file = path.join(folder(), 'run.cast');
    const { result, out } = rejectedRun(file);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('stdout is not a terminal');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects --plain', () => {
    const file = path.join(folder(), 'run.cast');
    const { result, out } = rejectedRun(file, ['--plain']);

    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'error: Cannot use --record with --plain: --record records the ' +
        'monitor, which --plain replaces with lines; drop one of them.\n',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('rejects an unwritable path for replay and watch', () => {
    const file = path.join(folder(), 'missing', 'run.cast');
    for (const command of ['replay', 'watch']) {
      const result = traintop([command, 'some-run', '--record', file]);

      expect(result.status, command).toBe(2);
      expect(result.stderr, command).toContain('does not exist');
    }
  });

  it('rejects --record with resume --json', () => {
    const file = path.join(folder(), 'run.cast');
    const result = traintop(['resume', 'some-run', '--json', '--record', file]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Cannot use --record with --json');
  });
});
