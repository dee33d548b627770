import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { loadIris } from '../../source/data/iris.js';
import { describeData } from '../../source/data/open-dataset.js';
import { EventBus } from '../../source/state/event-bus.js';
import type { RunEvent } from '../../source/state/events.js';
import { RunDatabaseWriter } from '../../source/store/run-database.js';

const irisSource = describeData(
  loadIris(),
  { kind: 'holdout', testFraction: 0.2 },
  1,
);

const spec = (id: string, index: number) => ({
  id,
  index,
  params: { trees: 20, maxFeatures: 2, maxDepth: 3, seed: 1 },
  chunkSize: 10,
});

const progress = (trialId: string, treesDone: number, at: number) =>
  ({
    kind: 'trial-progress',
    at,
    trialId,
    workerId: 1,
    treesDone,
    elapsedMs: treesDone,
    trainScore: 0.9,
    testScore: 0.8,
    oobScore: null,
  }) as const;

const events: RunEvent[] = [
  {
    kind: 'run-started',
    at: 1_000,
    runId: 'run-1',
    job: 'iris random forest',
    trials: [spec('t1', 0), spec('t2', 1)],
    poolSize: 2,
    maxPoolSize: 4,
    data: irisSource,
  },
  {
    kind: 'trial-started',
    at: 1_001,
    trialId: 't1',
    workerId: 1,
    attempt: 1,
    treesDone: 0,
  },
  progress('t1', 10, 1_002),
  progress('t1', 20, 1_003),
  {
    kind: 'trial-finished',
    at: 1_004,
    trialId: 't1',
    workerId: 1,
    trees: 20,
    elapsedMs: 20,
    trainScore: 0.95,
    testScore: 0.9,
    oobScore: 0.85,
    foldTestScores: [0.88, 0.92],
    metrics: {
      task: 'classification',
      macroF1: 0.89,
      confusion: [
        [9, 1],
        [1, 9],
      ],
    },
  },
  {
    kind: 'trial-failed',
    at: 1_005,
    trialId: 't2',
    workerId: 2,
    attempt: 1,
    error: 'worker exited with code: 3',
    willRetry: false,
  },
  { kind: 'pool-resized', at: 1_006, poolSize: 3 },
  { kind: 'run-finished', at: 1_007, reason: 'completed' },
];

function store(file: string): void {
  const bus = new EventBus();
  const writer = new RunDatabaseWriter(bus, file);
  for (const event of events) {
    bus.emit(event);
  }
  writer.close();
  expect(writer.error).toBeNull();
}

describe('RunDatabaseWriter', () => {
  it('stores the run, its trials, chunks and pool changes', () => {
    const file = path.join(
      mkdtempSync(path.join(tmpdir(), 'tt-db-')),
      'run.db',
    );
    store(file);

    const database = new Database(file, { readonly: true });
    expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(
      database.prepare('SELECT id, finish_reason FROM runs').all(),
    ).toEqual([{ id: 'run-1', finish_reason: 'completed' }]);
    expect(
      database
        .prepare('SELECT trial_id, status, test_score, error FROM trials')
        .all(),
    ).toEqual([
      { trial_id: 't1', status: 'finished', test_score: 0.9, error: null },
      {
        trial_id: 't2',
        status: 'failed',
        test_score: null,
        error: 'worker exited with code: 3',
      },
    ]);
    expect(
      database.prepare('SELECT trees_done FROM chunks ORDER BY at').all(),
    ).toEqual([{ trees_done: 10 }, { trees_done: 20 }]);
    expect(
      database.prepare('SELECT pool_size FROM pool_changes').all(),
    ).toEqual([{ pool_size: 3 }]);
    database.close();
  });

  it('reports a database locked by another process', () => {
    const file = path.join(
      mkdtempSync(path.join(tmpdir(), 'tt-db-')),
      'run.db',
    );
    store(file);
    const locker = new Database(file);
    locker.exec('BEGIN EXCLUSIVE');

    const bus = new EventBus();
    const writer = new RunDatabaseWriter(bus, file);
    bus.emit({ kind: 'pool-resized', at: 2_000, poolSize: 1 });
    writer.flush();

    expect(writer.error?.message).toContain('locked');
    locker.exec('ROLLBACK');
    locker.close();
    writer.close();
  });
});
