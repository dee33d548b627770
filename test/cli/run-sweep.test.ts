import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { readEventLog } from '../../source/store/event-log-reader.js';

// The real program, built by `npm run build`, as a script would run it.
const main = path.resolve('dist/source/cli/main.js');
const smallSweep = ['--trees', '20', '--max-features', '1,2', '--seeds', '1'];

function traintop(args: readonly string[]) {
  return spawnSync(process.execPath, [main, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
    timeout: 60_000,
  });
}

describe('traintop run', () => {
  it('stores every event of a plain run in its folder', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'traintop-runs-'));
    const result = traintop(['--plain', ...smallSweep, '--out', out]);

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Run stored in');
    const [runId] = readdirSync(out);
    const files = readdirSync(path.join(out, runId!)).sort();
    expect(files).toEqual(['events.jsonl', 'run.db', 'traintop.log']);

    const log = await readEventLog(path.join(out, runId!, 'events.jsonl'));
    const kinds = log.events.map((event) => event.kind);
    expect(kinds[0]).toBe('run-started');
    expect(kinds.at(-1)).toBe('run-finished');
    expect(kinds.filter((kind) => kind === 'trial-finished')).toHaveLength(
      2 * 4,
    );

    const summary = traintop(['show', runId!, '--out', out]);
    expect(summary.status).toBe(0);
    expect(summary.stdout).toContain('completed');

    const csv = traintop(['export', runId!, '--out', out, '--format', 'csv']);
    expect(csv.status).toBe(0);
    expect(csv.stdout.trim().split('\r\n')).toHaveLength(1 + 2 * 4);

    const replayed = traintop([
      'replay',
      runId!,
      '--out',
      out,
      '--speed',
      '64',
    ]);
    expect(replayed.status).toBe(0);
    expect(
      replayed.stdout.split('\n').filter((line) => line.startsWith('finished')),
    ).toHaveLength(2 * 4);

    const listed = traintop(['runs', '--out', out]);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain(runId);
    expect(listed.stdout).toMatch(/completed\s+8\/8\s+0\.9\d\d/);
  });

  it('names an unknown run and how to find one', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'traintop-runs-'));
    const result = traintop(['show', 'no-such-run', '--out', out]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown run no-such-run');
    expect(result.stderr).toContain('traintop runs');
  });

  it('rejects flags that runs does not take', () => {
    const result = traintop(['runs', '--workers', '2']);

    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'error: Unknown flag "--workers" for traintop runs: ' +
        'usage: traintop runs [--out DIR].\n',
    );
  });

  it('rejects an out folder that cannot be created', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'traintop-runs-'));
    const file = path.join(folder, 'a-file');
    writeFileSync(file, 'not a folder');

    const result = traintop(['--plain', ...smallSweep, '--out', file]);

    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`Cannot create the run folder ${file}`);
    expect(result.stderr).toContain('pass --out with a writable folder');
  });
});
