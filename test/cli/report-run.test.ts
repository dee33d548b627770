import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

// The real program, built by `npm run build`, as a user would run it.
const main = path.resolve('dist/source/cli/main.js');

function traintop(args: readonly string[]) {
  return spawnSync(process.execPath, [main, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
    timeout: 90_000,
  });
}

describe('traintop report', () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'traintop-rr-')), 'r');

  beforeAll(() => {
    const run = traintop([
      '--trees',
      '10',
      '--max-depth',
      '2',
      '--max-features',
      '2',
      '--seeds',
      '1',
      '--plain',
      '--out',
      out,
    ]);
    expect(run.status).toBe(0);
  });

  it('writes one self-contained file into the run folder', () => {
    const [runId] = readdirSync(out);
    const result = traintop(['report', runId!, '--out', out]);

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const html = readFileSync(path.join(out, runId!, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`traintop report: run ${runId!}`);
    expect(html).not.toMatch(/\s(src|href)="https?:/);
  });

  it('names a run it cannot find, in one line', () => {
    const result = traintop(['report', 'no-such-run', '--out', out]);

    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: .*no-such-run.*\n$/);
  });

  it('names a file it cannot write, in one line, and writes nothing', () => {
    const [runId] = readdirSync(out);
    const target = path.join(out, 'missing-folder', 'report.html');
    const result = traintop(['report', runId!, '--out', out, '--file', target]);

    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `error: Cannot write the report to ${target} (ENOENT): pass --file ` +
        'with a path in a folder that exists and that you can write to.\n',
    );
    expect(existsSync(path.dirname(target))).toBe(false);
  });

  it('rejects a run that never started', () => {
    const folder = path.join(out, '20261205T000000-1');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'events.jsonl'), '');
    const result = traintop(['report', folder]);

    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `error: Run ${folder} has no events: its process stopped before the ` +
        'run started, so there is nothing to report.\n',
    );
    expect(existsSync(path.join(folder, 'report.html'))).toBe(false);
  });

  it('rejects an unknown flag with its usage', () => {
    const result = traintop(['report', 'x', '--format', 'pdf']);

    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'error: Unknown flag "--format" for traintop report: ' +
        'usage: traintop report RUN [--out DIR] [--file FILE].\n',
    );
  });
});
