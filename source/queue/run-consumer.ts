import type { Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { Piscina } from 'piscina';

import type { SharedTable } from '../data/shared-table.js';
import type { RunLogger } from '../runner/run-logger.js';
import { resolveWorkerFile } from '../runner/task-file.js';
import type { HostReading } from '../state/events.js';
import type { TaskResult, TrainTask } from '../train/messages.js';
import { MAX_THREADS, threadsFor } from './control-record.js';
import type { ErrorLog } from './error-log.js';
import { heartbeatKey, type RunKeys } from './key-names.js';
import { appendProgress } from './progress-stream.js';
import type { ControlRecord, TrialJobData } from './protocol.js';
import type { RedisTarget } from './redis-url.js';
import { RunningTrials } from './running-trials.js';
import { settlesWithin } from './settles-within.js';
import { loadTable } from './table-store.js';
import { createTrialWorker } from './trial-worker.js';
import {
  isMissingJobError,
  processTrialJob,
  type DraftMessage,
  type MessageStamp,
  type TrialJobResult,
} from './trial-job.js';

/** An idle thread above the thread count exits after this long, in ms. */
const IDLE_THREAD_MS = 400;

/** Heap limit of one worker thread, in MiB: a runaway trial fails alone. */
const WORKER_HEAP_MB = 512;

/**
 * How long a stop waits for running trials to hand back their jobs, in ms.
 * Trials stop after their current chunk. After this the worker closes
 * anyway, and the jobs it still holds go back to waiting once their locks
 * expire.
 */
const STOP_GRACE_MS = 10_000;

/**
 * How long a forced close of BullMQ may take, in ms. Past it, the worker
 * gives up on its jobs, and BullMQ puts them back on the queue once their
 * locks expire.
 */
const FORCED_CLOSE_MS = 2_000;

/**
 * Start of the error message that BullMQ 6.7 emits for each job of a
 * 'lockRenewalFailed' event, right after the event.
 */
const LOCK_RENEWAL_ERROR = 'could not renew lock for job ';

export type RunConsumerOptions = {
  readonly runId: string;
  readonly keys: RunKeys;
  /** Redis server of the run, for BullMQ's own connections. */
  readonly target: RedisTarget;
  /** Client for the progress stream and heartbeats, shared between runs. */
  readonly redis: Redis;
  readonly workerId: string;
  readonly host: string;
  /** Trials trained at once until the control record sets another count. */
  readonly threads: number;
  /** Time between two heartbeats, in ms. Each heartbeat reports it. */
  readonly tickMs: number;
  /** Lifetime of the heartbeat key, in ms. */
  readonly heartbeatTtlMs: number;
  readonly logger: RunLogger;
  readonly errors: ErrorLog;
};

/**
 * Serves one run on this worker: a BullMQ worker takes trial jobs from the
 * run's queue and trains each on this run's piscina pool, with the table
 * fetched once from Redis. Every tick the owner applies the run's control
 * record and sends a heartbeat.
 */
export class RunConsumer {
  private readonly trials = new RunningTrials();
  private readonly pool: Piscina<TrainTask, TaskResult>;
  private readonly worker: Worker<TrialJobData, TrialJobResult>;
  private threads: number;
  private isPaused = false;
  private isRunning = false;
  private stopping: Promise<void> | null = null;
  /** Messages of the missing-job errors logged so far. */
  private readonly missingJobErrors = new Set<string>();

  /** Fetches the run's table and prepares to serve the run. */
  static async open(options: RunConsumerOptions): Promise<RunConsumer> {
    const table = await loadTable(options.redis, options.keys);

    return new RunConsumer(options, table);
  }

  private constructor(
    private readonly options: RunConsumerOptions,
    private readonly table: SharedTable,
  ) {
    this.threads = options.threads;
    this.pool = new Piscina<TrainTask, TaskResult>({
      filename: resolveWorkerFile('train/task.js'),
      // One thread stays up between jobs, so a job that comes after an idle
      // spell does not wait for a thread to start, as on local threads.
      minThreads: 1,
      maxThreads: MAX_THREADS,
      idleTimeout: IDLE_THREAD_MS,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    this.pool.on('error', (error: Error) => {
      options.errors.warn('worker pool', error, { runId: options.runId });
    });

    this.worker = createTrialWorker(
      {
        keys: options.keys,
        target: options.target,
        workerId: options.workerId,
        concurrency: this.threads,
      },
      (job, token) => this.process(job, token),
    );
    this.watchWorker();
  }

  private watchWorker(): void {
    const { errors, runId, logger } = this.options;
    this.worker.on('error', (error) => {
      // The 'lockRenewalFailed' handler aborts the trial, which logs its end.
      if (error.message.startsWith(LOCK_RENEWAL_ERROR)) {
        return;
      }

      if (isMissingJobError(error)) {
        this.logMissingJob(error);
        return;
      }

      errors.warn('BullMQ worker', error, { runId });
    });
    this.worker.on('lockRenewalFailed', (jobIds) => {
      for (const jobId of jobIds) {
        this.trials.abort(jobId);
      }
    });
    this.worker.on('stalled', (jobId) => {
      logger.info({ runId, trialId: jobId }, 'trial back on the queue');
      void this.publish({
        kind: 'log',
        level: 'warn',
        message:
          `Trial ${jobId} is back on the queue: the worker that trained ` +
          'it stopped renewing its lock.',
        trialId: jobId,
      });
    });
  }

  /**
   * Applies the control record: pauses or resumes, and changes the thread
   * count, preempting the least advanced trials above a lower count.
   */
  async applyControl(control: ControlRecord): Promise<void> {
    if (this.stopping) {
      return;
    }

    const { workerId, host } = this.options;
    const threads = threadsFor(control, workerId, host, this.options.threads);
    if (threads !== this.threads) {
      await this.resize(threads);
    }

    if (control.paused && !this.isPaused) {
      await this.pause();
    } else if (!control.paused && (this.isPaused || !this.isRunning)) {
      await this.resume();
    }
  }

  /** Sends a heartbeat: to the stream, and as a key that expires. */
  async heartbeat(reading: HostReading): Promise<void> {
    const { redis, keys, workerId, host, tickMs, heartbeatTtlMs } =
      this.options;
    const message = await this.publish({
      kind: 'host-sampled',
      host,
      tickMs,
      threads: this.threads,
      busyThreads: this.trials.size,
      slots: this.trials.readSlots(),
      ...reading,
    });
    await redis.set(
      heartbeatKey(keys, workerId),
      JSON.stringify(message),
      'PX',
      heartbeatTtlMs,
    );
  }

  /**
   * Stops serving the run: running trials hand their jobs back with a
   * checkpoint, then BullMQ and the pool close. Safe to call twice.
   */
  stop(): Promise<void> {
    this.stopping ??= this.close();

    return this.stopping;
  }

  private async close(): Promise<void> {
    const { logger, runId } = this.options;
    this.trials.preemptAll();
    const closed = this.worker.close();
    if (!(await settlesWithin(closed, STOP_GRACE_MS))) {
      logger.warn(
        { runId, trials: this.trials.size, graceMs: STOP_GRACE_MS },
        'trials did not hand back their jobs in time; closing anyway',
      );
      // A forced close still waits for BullMQ's connections to close, which
      // never happens while Redis is unreachable.
      if (!(await settlesWithin(this.worker.close(true), FORCED_CLOSE_MS))) {
        logger.warn(
          { runId, waitMs: FORCED_CLOSE_MS },
          'BullMQ did not close; leaving its jobs to expire',
        );
      }
    }

    await this.pool.destroy();
  }

  private async resize(threads: number): Promise<void> {
    const { logger, runId } = this.options;
    const isGrowing = threads > this.threads;
    this.threads = threads;
    this.worker.concurrency = threads;
    const preempted = this.trials.preemptAbove(threads);
    logger.info({ runId, threads, preempted }, 'thread count changed');

    // BullMQ 6.7's main loop reads the concurrency only when it fetches,
    // and while every slot is busy it waits for a job to end. Pausing and
    // resuming wakes it, so the new slots fill now.
    if (isGrowing && this.isRunning && !this.isPaused) {
      await this.worker.pause(true);
      await this.worker.resume();
    }
  }

  private async pause(): Promise<void> {
    this.isPaused = true;
    this.trials.pauseAll();
    if (this.isRunning) {
      // Does not wait for running jobs: they wait between chunks instead.
      await this.worker.pause(true);
    }
    this.options.logger.info({ runId: this.options.runId }, 'run paused');
  }

  private async resume(): Promise<void> {
    const wasPaused = this.isPaused;
    this.isPaused = false;
    this.trials.resumeAll();
    if (this.isRunning) {
      await this.worker.resume();
    } else {
      this.isRunning = true;
      this.worker.run().catch((error: unknown) => {
        this.options.errors.warn('BullMQ worker', error, {
          runId: this.options.runId,
        });
      });
    }

    if (wasPaused) {
      this.options.logger.info({ runId: this.options.runId }, 'run resumed');
    }
  }

  /**
   * Logs BullMQ's failure to store the outcome of a job that no longer
   * exists, as when a trial ends after its coordinator deleted the run.
   * BullMQ tries to complete the job, then to fail it, and both attempts
   * give the same message, so each message is logged once.
   */
  private logMissingJob(error: Error): void {
    if (this.missingJobErrors.has(error.message)) {
      return;
    }

    this.missingJobErrors.add(error.message);
    this.options.logger.info(
      { runId: this.options.runId, reason: error.message },
      'trial outcome dropped: its job no longer exists',
    );
  }

  private process(
    job: Job<TrialJobData, TrialJobResult>,
    token: string | undefined,
  ): Promise<TrialJobResult> {
    return processTrialJob(job, token, {
      runId: this.options.runId,
      pool: this.pool,
      table: this.table,
      host: this.options.host,
      trials: this.trials,
      isPaused: () => this.isPaused,
      publish: (message) => this.publish(message),
      logger: this.options.logger,
    });
  }

  private async publish<M extends DraftMessage>(
    draft: M,
  ): Promise<M & MessageStamp> {
    const { redis, keys, workerId, errors, runId } = this.options;
    const message = { ...draft, at: Date.now(), workerId };
    try {
      await appendProgress(redis, keys, message);
    } catch (error) {
      errors.warn('progress stream', error, { runId, kind: draft.kind });
    }

    return message;
  }
}
