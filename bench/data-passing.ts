import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

import { Piscina } from 'piscina';

import type { Dataset } from '../source/data/dataset.js';
import { shareTable, splitTable } from '../source/data/shared-table.js';
import { splitRows } from '../source/data/split.js';
import type { TaskData } from '../source/train/messages.js';
import type { Comparison } from './comparison.js';

/** A table of 20,000 rows by 50 features: 8 MB of numbers. */
const ROWS = 20_000;
const FEATURES = 50;

const TASKS = 40;
const THREADS = 2;
const ROUNDS = 3;

/**
 * Times how long a task takes to get its rows, two ways: from a table in
 * shared memory, which each thread turns into rows once and keeps, and as
 * rows copied into every task. The tasks do nothing else, so the time per
 * task is the per-trial cost of passing the data.
 */
export async function measureDataPassing(): Promise<Comparison> {
  const dataset = syntheticDataset();
  const table = shareTable(
    dataset,
    splitRows(dataset, { kind: 'holdout', testFraction: 0.2 }, 1),
  );
  const shared: TaskData = { kind: 'shared', table };
  const copied: TaskData = {
    kind: 'copied',
    data: { task: table.task, classCount: 2, folds: splitTable(table) },
  };

  const sharedMs: number[] = [];
  const copiedMs: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    copiedMs.push(await timePerTask(copied));
    sharedMs.push(await timePerTask(shared));
  }

  const best = (values: readonly number[]) => Math.min(...values);
  const list = (values: readonly number[]) =>
    values.map((value) => value.toFixed(2)).join(', ');

  return {
    metric: 'data passing per trial, copy vs shared',
    a: { label: 'copied', value: best(copiedMs), unit: 'ms' },
    b: { label: 'shared', value: best(sharedMs), unit: 'ms' },
    target: { bound: 'at-least', ratio: 1 },
    details: [
      `${TASKS} tasks on ${THREADS} threads, ${ROWS} rows x ${FEATURES} ` +
        'features; a fresh pool per round',
      `copied into every task: ${list(copiedMs)} ms per task`,
      `shared memory: ${list(sharedMs)} ms per task (rows built once ` +
        'per thread)',
    ],
  };
}

async function timePerTask(data: TaskData): Promise<number> {
  const pool = new Piscina({
    filename: fileURLToPath(new URL('./data-worker.js', import.meta.url)),
    minThreads: THREADS,
    maxThreads: THREADS,
  });
  // Threads start before the clock does, as in a running sweep.
  await Promise.all(
    Array.from({ length: THREADS }, () =>
      pool.run({ kind: 'copied', data: { folds: [{ trainTargets: [] }] } }),
    ),
  );

  const startedAt = performance.now();
  const rowCounts = await Promise.all(
    Array.from({ length: TASKS }, () => pool.run(data) as Promise<number>),
  );
  const elapsedMs = performance.now() - startedAt;
  await pool.destroy();

  const expected = Math.round(ROWS * 0.8);
  if (rowCounts.some((count) => count !== expected)) {
    throw new Error(`A task got other rows than the ${expected} expected.`);
  }

  return elapsedMs / TASKS;
}

/** Two classes split by the first feature; the rest is noise. */
function syntheticDataset(): Dataset {
  const features = new Float64Array(ROWS * FEATURES);
  const targets = new Float64Array(ROWS);
  for (let row = 0; row < ROWS; row += 1) {
    for (let feature = 0; feature < FEATURES; feature += 1) {
      features[row * FEATURES + feature] = Math.sin(row * 7.1 + feature);
    }
    targets[row] = features[row * FEATURES]! > 0 ? 1 : 0;
  }

  return {
    name: 'synthetic',
    task: 'classification',
    featureNames: Array.from({ length: FEATURES }, (_, index) => `x${index}`),
    classNames: ['negative', 'positive'],
    rowCount: ROWS,
    features,
    targets,
  };
}
