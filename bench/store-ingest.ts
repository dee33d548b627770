import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { planGrid } from '../source/plan/grid.js';
import { EventBus } from '../source/state/event-bus.js';
import { RunDatabaseWriter } from '../source/store/run-database.js';
import type { Comparison } from './comparison.js';

/** The store must take at least this many metric rows per second. */
const REQUIRED_ROWS_PER_SECOND = 100_000;

/** Chunk reports fed through the sink, one metric row each. */
const CHUNK_ROWS = 200_000;

/** Chunk reports emitted between two timer flushes of the sink. */
const ROWS_PER_BATCH = 5_000;

const MS_PER_SECOND = 1000;

/**
 * Feeds chunk reports through the real SQLite sink, as a run's bus would,
 * in batches that each end in one flush, and divides the rows stored by
 * the time from the first report to the closed database.
 */
export async function measureStoreIngest(): Promise<Comparison> {
  const folder = mkdtempSync(path.join(tmpdir(), 'traintop-bench-store-'));
  const bus = new EventBus();
  const writer = new RunDatabaseWriter(bus, path.join(folder, 'run.db'));
  const trials = planGrid({
    trees: [1_000],
    maxFeatures: [1, 2, 3, 4],
    maxDepth: [1, 2, 3, 4, 5],
    seeds: 10,
    seed: 1,
    chunkSize: 10,
  });
  bus.emit({
    kind: 'run-started',
    at: Date.now(),
    runId: 'bench',
    job: 'store ingest',
    trials,
    poolSize: 4,
    maxPoolSize: 4,
  });

  const startedAt = performance.now();
  for (let row = 0; row < CHUNK_ROWS; row++) {
    const trial = trials[row % trials.length]!;
    bus.emit({
      kind: 'trial-progress',
      at: Date.now(),
      trialId: trial.id,
      workerId: 1 + (row % 4),
      treesDone: 10 * (1 + Math.floor(row / trials.length)),
      elapsedMs: row,
      trainScore: 0.95,
      testScore: 0.9,
      oobScore: row % 2 === 0 ? 0.85 : null,
    });
    if ((row + 1) % ROWS_PER_BATCH === 0) {
      writer.flush();
    }
  }
  writer.close();
  const seconds = (performance.now() - startedAt) / MS_PER_SECOND;
  rmSync(folder, { recursive: true, force: true });
  if (writer.error) {
    throw writer.error;
  }

  const rate = CHUNK_ROWS / seconds;

  return {
    metric: 'store ingest, chunk rows/s',
    a: { label: 'run.db sink', value: rate, unit: 'rows/s' },
    b: { label: 'required', value: REQUIRED_ROWS_PER_SECOND, unit: 'rows/s' },
    target: { bound: 'at-least', ratio: 1 },
    details: [
      `${CHUNK_ROWS.toLocaleString('en-US')} rows in ${seconds.toFixed(2)} s, ` +
        `${ROWS_PER_BATCH.toLocaleString('en-US')} rows per transaction`,
    ],
  };
}
