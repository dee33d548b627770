import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { openLogFile } from '../source/cli/logger.js';
import { planGrid, type GridOptions } from '../source/plan/grid.js';
import { parseRedisUrl } from '../source/queue/redis-url.js';
import { startBenchRedis, type BenchRedis } from './bench-redis.js';
import type { Comparison } from './comparison.js';
import { runQueueSweep } from './queue-sweep.js';
import {
  BENCH_GRID,
  bestWallSeconds,
  formatWallTimes,
  maxOtherCores,
  runBenchSweep,
  runInTurns,
  warmUp,
  WARM_UP_GRID,
  type TimedRun,
} from './sweep.js';
import { startWorkerChild, type WorkerChild } from './worker-child.js';

/** Trials trained at once: the local pool's size and the worker's --threads. */
const THREADS = 2;

/**
 * Largest ratio of queue to local wall time that passes: the queue may add
 * at most 15% to a sweep of this size.
 */
const TARGET_RATIO = 1.15;

const MS_PER_SECOND = 1000;

/**
 * Times the same sweep on the local pool and through Redis, with THREADS
 * threads on each side. The queue side runs its coordinator in this
 * process and one `traintop worker` child process, started before the
 * first run and kept for all of them. Each side runs three times, in
 * turns, and keeps its fastest run.
 */
export async function measureQueueOverhead(): Promise<Comparison> {
  const redis = await startBenchRedis();
  const logDirectory = mkdtempSync(path.join(tmpdir(), 'traintop-bench-'));
  try {
    const worker = await startWorkerChild({
      url: redis.url,
      prefix: redis.prefix,
      threads: THREADS,
      logFile: path.join(logDirectory, 'worker.log'),
    });
    try {
      const comparison = await compareSides(redis, worker, logDirectory);
      rmSync(logDirectory, { recursive: true, force: true });

      return comparison;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`${message} The logs are in ${logDirectory}.`, {
        cause: error,
      });
    } finally {
      await worker.stop();
    }
  } finally {
    await redis.stop();
  }
}

async function compareSides(
  redis: BenchRedis,
  worker: WorkerChild,
  logDirectory: string,
): Promise<Comparison> {
  const log = openLogFile(path.join(logDirectory, 'coordinator.log'));
  let sweepCount = 0;
  const runQueue = (grid: GridOptions) =>
    runQueueSweep({
      grid,
      runId: `bench-${process.pid}-${++sweepCount}`,
      target: parseRedisUrl(redis.url),
      prefix: redis.prefix,
      logger: log.logger,
      childPids: [worker.pid, ...redis.pids],
      workerExited: worker.exited,
    });
  const runLocal = () =>
    runBenchSweep({
      grid: BENCH_GRID,
      workers: THREADS,
      output: 'none',
      isSampled: false,
    });

  let runs;
  try {
    await warmUp('none');
    await runQueue(WARM_UP_GRID);
    runs = await runInTurns(() => runQueue(BENCH_GRID), runLocal);
  } finally {
    log.flush();
  }

  return {
    metric: `queue overhead, ${THREADS} threads`,
    a: { label: 'queue', value: bestWallSeconds(runs.a), unit: 's' },
    b: { label: 'local', value: bestWallSeconds(runs.b), unit: 's' },
    target: { bound: 'at-most', ratio: TARGET_RATIO },
    details: [
      `queue, 1 worker process: ${formatWallTimes(runs.a)}`,
      `local, ${THREADS} workers: ${formatWallTimes(runs.b)}`,
      describeOverhead(runs.a, runs.b),
    ],
    otherCores: maxOtherCores([...runs.a, ...runs.b]),
  };
}

/**
 * Spreads the difference of the best wall times over the trials and over
 * the chunks, which each send one progress message through Redis.
 */
function describeOverhead(
  queue: readonly TimedRun[],
  local: readonly TimedRun[],
): string {
  const trials = planGrid(BENCH_GRID);
  const chunks = trials.reduce(
    (total, trial) => total + Math.ceil(trial.params.trees / trial.chunkSize),
    0,
  );
  const overheadMs =
    (bestWallSeconds(queue) - bestWallSeconds(local)) * MS_PER_SECOND;

  return (
    `queue overhead: ${(overheadMs / trials.length).toFixed(1)} ms per ` +
    `trial (${trials.length} trials), ` +
    `${(overheadMs / chunks).toFixed(2)} ms per chunk (${chunks} chunks)`
  );
}
