import { performance } from 'node:perf_hooks';

import { planGrid, type GridOptions } from '../source/plan/grid.js';
import type { RedisTarget } from '../source/queue/redis-url.js';
import { QueueRunner } from '../source/runner/queue-runner.js';
import type { RunLogger } from '../source/runner/run-logger.js';
import { EventBus } from '../source/state/event-bus.js';
import { startOtherLoadMeter } from './other-load.js';
import { CLI_TICK_MS } from './sweep-output.js';
import { irisTable, JOB_NAME, type TimedRun } from './sweep.js';

export type QueueSweepOptions = {
  readonly grid: GridOptions;
  /** Run id, new for every sweep, so no run's keys or jobs carry over. */
  readonly runId: string;
  readonly target: RedisTarget;
  readonly prefix: string;
  readonly logger: RunLogger;
  /**
   * Process ids of the worker and the Redis server, whose CPU time counts
   * as part of the run, not as other load.
   */
  readonly childPids: readonly number[];
  /** Rejects when the worker process exits, which ends the sweep. */
  readonly workerExited: Promise<never>;
};

/**
 * Runs a sweep through Redis with a QueueRunner in this process as the
 * coordinator, ticking every CLI_TICK_MS as the CLI does, and times it
 * from run() to its end. Throws when a trial did not finish.
 */
export async function runQueueSweep(
  options: QueueSweepOptions,
): Promise<TimedRun> {
  const trials = planGrid(options.grid);
  const bus = new EventBus();
  let finishedTrials = 0;
  bus.subscribe((event) => {
    finishedTrials += event.kind === 'trial-finished' ? 1 : 0;
  });

  const runner = new QueueRunner({
    bus,
    runId: options.runId,
    job: JOB_NAME,
    trials,
    table: irisTable(options.grid.seed),
    retries: 0,
    target: options.target,
    prefix: options.prefix,
    tickMs: CLI_TICK_MS,
    logger: options.logger,
  });

  const readOtherCores = startOtherLoadMeter(options.childPids);
  const startMs = performance.now();
  let outcome;
  try {
    outcome = await Promise.race([runner.run(), options.workerExited]);
  } catch (error) {
    await runner.stop();
    throw error;
  }

  const wallMs = performance.now() - startMs;
  const otherCores = readOtherCores();
  if (outcome !== 'completed' || finishedTrials !== trials.length) {
    throw new Error(
      `Queued benchmark sweep ${options.runId} failed: ${finishedTrials} ` +
        `of ${trials.length} trials finished and the run ended ${outcome}.`,
    );
  }

  return { wallMs, otherCores };
}
