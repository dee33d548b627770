import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import type { RunAnalysis } from '../../source/analysis/run-analysis.js';

// The real program, built by `npm run build`, as a user would run it.
const main = path.resolve('dist/source/cli/main.js');

function traintop(args: readonly string[]) {
  return spawnSync(process.execPath, [main, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
    timeout: 90_000,
  });
}

/** Runs a sweep with `--plain` into a new folder, returns the folder. */
function runSweep(grid: readonly string[]): string {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'traintop-an-')), 'r');
  const result = traintop([...grid, '--plain', '--out', out]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);

  return out;
}

function onlyRunId(out: string): string {
  const [runId] = readdirSync(out);

  return runId!;
}

describe('traintop analyze', () => {
  // 2 × 2 × 2 × 2 = 16 trials: enough for the importance ranking.
  const sweep = [
    '--trees',
    '10,20',
    '--max-features',
    '1,2',
    '--max-depth',
    '1,3',
    '--seeds',
    '2',
  ];

  it('prints importance, effects and cost of a sweep', () => {
    const out = runSweep(sweep);
    const result = traintop(['analyze', onlyRunId(out), '--out', out]);

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Run \S+: 16 of 16 trials · test accuracy · /);
    expect(result.stdout).toContain('Importance:');
    expect(result.stdout).toMatch(/^maxDepth\s+█+░*\s+\d+%/m);
    expect(result.stdout).toContain(
      'parameter     value trials    mean      SD    best  ms/tree',
    );
    expect(result.stdout).toMatch(/^maxDepth\s+1\s+8\s+0\.\d{3}/m);
    expect(result.stdout).not.toMatch(/NaN|Infinity/);
    for (const line of lines) {
      expect([...line].length).toBeLessThanOrEqual(80);
    }
  });

  it('prints the analysis as JSON', () => {
    const out = runSweep(sweep);
    const result = traintop([
      'analyze',
      onlyRunId(out),
      '--out',
      out,
      '--json',
    ]);

    expect(result.status).toBe(0);
    const analysis = JSON.parse(result.stdout) as RunAnalysis;
    expect(analysis.scoredTrials).toBe(16);
    expect(analysis.isRunning).toBe(false);
    expect(analysis.importance.ranking).toHaveLength(4);
    expect(analysis.effects.map((effect) => effect.name)).toEqual([
      'trees',
      'maxFeatures',
      'maxDepth',
      'seed',
    ]);
  });

  it('explains what one trial cannot show', () => {
    const out = runSweep([
      '--trees',
      '10',
      '--max-features',
      '2',
      '--max-depth',
      '2',
      '--seeds',
      '1',
    ]);
    const result = traintop(['analyze', onlyRunId(out), '--out', out]);

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      'note: one finished trial: effects need two values of a parameter',
    );
    expect(result.stdout).toContain(
      'note: no ranking: needs at least 8 finished trials, has 1',
    );
    expect(result.stdout).toMatch(/^maxDepth\s+one value: no effect/m);
    expect(result.stdout).not.toMatch(/NaN|Infinity/);
  });

  it('rejects an unknown run with one line', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'traintop-an-'));
    const result = traintop(['analyze', 'nope', '--out', out]);

    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: Unknown run nope in .*\n$/);
  });
});
