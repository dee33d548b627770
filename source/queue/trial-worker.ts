import { Worker, type Processor } from 'bullmq';

import { toRedisOptions } from './connection-options.js';
import type { RunKeys } from './key-names.js';
import type { TrialJobData } from './protocol.js';
import type { RedisTarget } from './redis-url.js';
import type { TrialJobResult } from './trial-job.js';

/**
 * How long a job's lock lasts without renewal, in ms. BullMQ renews it
 * every half of this, so a worker that dies leaves its job locked for at
 * most this long.
 */
const LOCK_DURATION_MS = 5_000;

/**
 * Time between two of BullMQ's checks for stalled jobs, in ms. Each check
 * marks the active jobs, a lock renewal clears the mark, and the next check
 * moves a marked job whose lock expired back to waiting. So a killed
 * worker's job waits for about LOCK_DURATION_MS plus up to two of these
 * intervals: 4.1 to 8.1 s in queue-worker.test.ts on a 2-core VM.
 */
const STALLED_INTERVAL_MS = 2_000;

/**
 * Times a job may go back to waiting after its worker died before BullMQ
 * fails it, so a trial that kills every worker it reaches stops there.
 */
const MAX_STALLED_COUNT = 3;

export type TrialWorkerOptions = {
  readonly keys: RunKeys;
  readonly target: RedisTarget;
  /** Stored on every job this worker processes. */
  readonly workerId: string;
  /** Jobs processed at once. */
  readonly concurrency: number;
};

/**
 * Creates the BullMQ worker for one run's trial jobs. It does not fetch
 * jobs until `run()` is called, so the owner can apply a pause first.
 */
export function createTrialWorker(
  options: TrialWorkerOptions,
  processor: Processor<TrialJobData, TrialJobResult>,
): Worker<TrialJobData, TrialJobResult> {
  return new Worker<TrialJobData, TrialJobResult>(
    options.keys.queueName,
    processor,
    {
      connection: toRedisOptions(options.target),
      prefix: options.keys.prefix,
      name: options.workerId,
      autorun: false,
      concurrency: options.concurrency,
      lockDuration: LOCK_DURATION_MS,
      stalledInterval: STALLED_INTERVAL_MS,
      maxStalledCount: MAX_STALLED_COUNT,
    },
  );
}
