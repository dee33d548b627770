import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { expect, it } from 'vitest';

import type { EventOf, RunEvent } from '../../source/state/events.js';

const main = path.resolve('dist/source/cli/main.js');

/** Runs a random search of 6 trials and returns the trials it planned. */
function runRandomSearch(seed: string) {
  const out = mkdtempSync(path.join(tmpdir(), 'traintop-random-'));
  try {
    const result = spawnSync(
      process.execPath,
      [
        main,
        ...['--search', 'random', '--trials', '6', '--seed', seed],
        ...['--trees', '20,40', '--out', out, '--plain'],
      ],
      { encoding: 'utf8', timeout: 90_000 },
    );
    const [runId] = readdirSync(out);
    const events = readFileSync(path.join(out, runId!, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as RunEvent);
    const started = events.find(
      (event): event is EventOf<'run-started'> => event.kind === 'run-started',
    )!;

    return { result, trials: started.trials };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

it('trains the same seeded sample of the grid', () => {
  const first = runRandomSearch('5');
  const again = runRandomSearch('5');

  expect(first.result.status).toBe(0);
  expect(first.result.stdout).toContain('Trials: 6 finished, 0 failed');
  expect(first.trials.map((spec) => spec.id)).toEqual([
    't1',
    't2',
    't3',
    't4',
    't5',
    't6',
  ]);
  expect(again.trials).toEqual(first.trials);
}, 120_000);

it('warns when the budget is more than the grid', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'traintop-random-'));
  try {
    const result = spawnSync(
      process.execPath,
      [
        main,
        ...['--search', 'random', '--trials', '100', '--trees', '20'],
        ...['--max-depth', '2', '--seeds', '1', '--out', out, '--plain'],
      ],
      { encoding: 'utf8', timeout: 90_000 },
    );

    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      "warning: --trials 100 is more than the grid's 4 combinations; " +
        'training all 4.\n',
    );
    expect(result.stdout).toContain('Trials: 4 finished, 0 failed');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 120_000);
