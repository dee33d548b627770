import {
  MessageChannel,
  receiveMessageOnPort,
  type MessagePort,
} from 'node:worker_threads';

import { Piscina } from 'piscina';

import type { HalvingOptions } from '../plan/halving.js';
import { HalvingLadder, type RungDecision } from '../plan/halving-ladder.js';
import type { TrialSpec } from '../plan/trial-spec.js';
import type { EventBus } from '../state/event-bus.js';
import type { DataSource, RunEvent } from '../state/events.js';
import {
  Control,
  type TaskData,
  type TaskMessage,
  type TaskResult,
  type TrainTask,
} from '../train/messages.js';
import type { TrialCheckpoint } from '../train/trial-forests.js';
import type { RunLogger } from './run-logger.js';
import type { RunOutcome, Runner, WorkerThread } from './runner.js';
import { resolveWorkerFile } from './task-file.js';

/** An idle thread above the pool size exits after this long, in ms. */
const IDLE_THREAD_MS = 400;

/** Heap limit of one worker thread, in MiB: a runaway trial fails alone. */
const WORKER_HEAP_MB = 512;

/** How long a stop waits for trials to end between chunks, in ms. */
const STOP_GRACE_MS = 3_000;

export type LocalRunnerOptions = {
  readonly bus: EventBus;
  readonly runId: string;
  /** Job name shown in the header, such as `iris random forest`. */
  readonly job: string;
  readonly trials: readonly TrialSpec[];
  /** The rows to train on, shared with every thread or copied into each task. */
  readonly data: TaskData;
  /** Trials trained at once when the run starts. */
  readonly poolSize: number;
  /** Upper bound for `resize`. */
  readonly maxPoolSize: number;
  /** Extra attempts for a trial that failed. */
  readonly retries: number;
  readonly logger: RunLogger;
  /** Worker entry module; the real training task unless a test swaps it. */
  readonly taskFile?: string;
  /** Heap limit per worker thread, in MiB (default 512). */
  readonly workerHeapMb?: number;
  /** The data the trials train on, recorded so the run can be resumed. */
  readonly dataSource?: DataSource;
  /**
   * Trials that already have their result when a stopped run is resumed.
   * They are not trained again, and the run starts with `run-continued`.
   */
  readonly doneTrialIds?: ReadonlySet<string>;
  /**
   * Runs a successive-halving search: trials stop at each rung, and only
   * the best of each rung go on. Absent: every trial grows all its trees.
   */
  readonly halving?: HalvingOptions;
  /**
   * Pause of each trial after every chunk of trees but its last, in ms, so
   * a demo can be followed by eye. Default 0. It changes no score.
   */
  readonly paceMs?: number;
};

type QueuedTrial = {
  readonly spec: TrialSpec;
  /** 1 for the first try. */
  readonly attempt: number;
  readonly checkpoint: TrialCheckpoint | null;
  /** Rung of a successive-halving search it trains towards, from 0. */
  readonly rung: number;
};

type RunningTrial = QueuedTrial & {
  readonly control: Int32Array;
  readonly port: MessagePort;
  /** `threadId` of the thread running the trial, once it started. */
  threadId: number | null;
  workerId: number | null;
  treesDone: number;
};

/**
 * Runs a sweep on a piscina pool of worker threads in this process. It
 * decides which trials run, and piscina which thread runs them: the pool
 * grows on demand up to `maxPoolSize` threads, and threads left idle after a
 * shrink exit on piscina's idle timeout.
 */
export class LocalRunner implements Runner {
  private pool: Piscina<TrainTask, TaskResult> | null = null;
  private readonly queue: QueuedTrial[];
  private readonly running = new Map<string, RunningTrial>();
  /** Worker numbers shown to the user, by `threadId`, from 1 up. */
  private readonly workerNumbers = new Map<number, number>();
  /** Numbers of crashed threads, kept off new threads while shown. */
  private readonly crashedNumbers = new Set<number>();
  /** Linux thread ids, by worker number. */
  private readonly threadIds = new Map<number, number>();
  private size: number;
  private paused = false;
  private stopping = false;
  /** True once the pool terminates its threads, ending the run. */
  private terminating = false;
  /** The rungs of a halving search, or null when trials grow in full. */
  private readonly ladder: HalvingLadder | null;
  /** Checkpoints of trials waiting at a rung for the others, by trial id. */
  private readonly parked = new Map<string, QueuedTrial>();
  private finish: ((outcome: RunOutcome) => void) | null = null;

  constructor(private readonly options: LocalRunnerOptions) {
    this.size = clamp(options.poolSize, 1, options.maxPoolSize);
    this.queue = options.trials
      .filter((spec) => !options.doneTrialIds?.has(spec.id))
      .map((spec) => ({ spec, attempt: 1, checkpoint: null, rung: 0 }));
    this.ladder = options.halving
      ? new HalvingLadder(options.halving, this.queue.length)
      : null;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get poolSize(): number {
    return this.size;
  }

  run(): Promise<RunOutcome> {
    const { options } = this;
    if (options.doneTrialIds) {
      this.emit({
        kind: 'run-continued',
        poolSize: this.size,
        maxPoolSize: options.maxPoolSize,
      });
    } else {
      this.emit({
        kind: 'run-started',
        runId: options.runId,
        job: options.job,
        trials: options.trials,
        poolSize: this.size,
        maxPoolSize: options.maxPoolSize,
        retries: options.retries,
        ...(options.dataSource ? { data: options.dataSource } : {}),
        ...(options.halving ? { halving: options.halving } : {}),
      });
    }

    const done = new Promise<RunOutcome>((resolve) => {
      this.finish = resolve;
    });
    this.pool = this.createPool();
    this.dispatch();

    return done;
  }

  private createPool(): Piscina<TrainTask, TaskResult> {
    const { options } = this;
    const pool = new Piscina<TrainTask, TaskResult>({
      filename: options.taskFile ?? resolveWorkerFile('train/task.js'),
      minThreads: 1,
      maxThreads: options.maxPoolSize,
      idleTimeout: IDLE_THREAD_MS,
      resourceLimits: {
        maxOldGenerationSizeMb: options.workerHeapMb ?? WORKER_HEAP_MB,
      },
    });
    pool.on('workerCreate', (worker: { id: number }) => {
      this.emit({
        kind: 'worker-started',
        workerId: this.workerNumberOf(worker.id),
      });
    });
    pool.on('workerDestroy', (worker: { id: number }) => {
      this.onThreadGone(worker.id);
    });
    // Errors of tasks reach their callers; this catches the rest.
    pool.on('error', (error: Error) => {
      options.logger.error({ err: error }, 'worker pool error');
    });

    return pool;
  }

  pause(): void {
    if (this.paused || this.stopping) {
      return;
    }

    this.paused = true;
    for (const trial of this.running.values()) {
      signal(trial.control, Control.pause, Control.run);
    }
    this.emit({ kind: 'run-paused' });
  }

  resume(): void {
    if (!this.paused || this.stopping) {
      return;
    }

    this.paused = false;
    for (const trial of this.running.values()) {
      signal(trial.control, Control.run, Control.pause);
    }
    this.emit({ kind: 'run-resumed' });
    this.dispatch();
  }

  resize(poolSize: number): void {
    const size = clamp(poolSize, 1, this.options.maxPoolSize);
    if (size === this.size || this.stopping) {
      return;
    }

    this.size = size;
    this.emit({ kind: 'pool-resized', poolSize: size });
    this.preemptExtraTrials();
    this.dispatch();
  }

  async stop(): Promise<void> {
    if (this.stopping) {
      return;
    }

    this.stopping = true;
    for (const trial of this.running.values()) {
      signal(trial.control, Control.abort);
    }

    await this.waitForRunning(STOP_GRACE_MS);
    await this.end('stopped');
  }

  /** Number of worker threads alive now, busy or idle. */
  get threadCount(): number {
    return this.pool?.threads.length ?? 0;
  }

  /** Returns live threads whose Linux thread id is known. */
  listThreads(): WorkerThread[] {
    return [...this.threadIds].map(([workerId, tid]) => ({ workerId, tid }));
  }

  private dispatch(): void {
    while (
      !this.paused &&
      !this.stopping &&
      this.running.size < this.size &&
      this.queue.length > 0
    ) {
      this.start(this.queue.shift()!);
    }

    if (!this.stopping && this.queue.length === 0 && this.running.size === 0) {
      void this.end('completed');
    }
  }

  private start(queued: QueuedTrial): void {
    const { port1, port2 } = new MessageChannel();
    const control = new Int32Array(new SharedArrayBuffer(4));
    const trial: RunningTrial = {
      ...queued,
      control,
      port: port1,
      threadId: null,
      workerId: null,
      treesDone: queued.checkpoint?.treesDone ?? 0,
    };
    this.running.set(queued.spec.id, trial);
    port1.on('message', (message: TaskMessage) => {
      this.onMessage(trial, message);
    });

    const task: TrainTask = {
      spec: queued.spec,
      attempt: queued.attempt,
      data: this.options.data,
      control: control.buffer as SharedArrayBuffer,
      port: port2,
      checkpoint: queued.checkpoint,
      ...this.rungLimitOf(queued),
      ...(this.options.paceMs ? { paceMs: this.options.paceMs } : {}),
    };
    this.requirePool()
      .run(task, { transferList: [port2] })
      .then(
        (result) => {
          this.drainMessages(trial);
          this.onResult(trial, result);
        },
        (error: unknown) => {
          this.drainMessages(trial);
          this.onError(trial, error);
        },
      )
      .finally(() => {
        port1.close();
        this.running.delete(queued.spec.id);
        this.dispatch();
      });
  }

  /**
   * Handles messages still queued on the trial's port. A task posts them
   * before it returns, but the result comes back on another port, so without
   * this a trial could end before it was seen to start.
   */
  private drainMessages(trial: RunningTrial): void {
    let received = receiveMessageOnPort(trial.port);
    while (received) {
      this.onMessage(trial, received.message as TaskMessage);
      received = receiveMessageOnPort(trial.port);
    }
  }

  private onMessage(trial: RunningTrial, message: TaskMessage): void {
    const trialId = trial.spec.id;

    switch (message.type) {
      case 'started':
        trial.threadId = message.threadId;
        trial.workerId = this.workerNumberOf(message.threadId);
        if (message.tid !== null) {
          this.threadIds.set(trial.workerId, message.tid);
        }
        this.emit({
          kind: 'trial-started',
          trialId,
          workerId: trial.workerId,
          attempt: trial.attempt,
          treesDone: trial.treesDone,
        });
        break;
      case 'progress': {
        const { type: _type, ...progress } = message;
        trial.treesDone = message.treesDone;
        this.emit({
          kind: 'trial-progress',
          trialId,
          workerId: trial.workerId ?? 0,
          ...progress,
        });
        break;
      }
      case 'log':
        this.options.logger[message.level](
          { trialId, workerId: trial.workerId },
          message.message,
        );
        break;
    }
  }

  private onResult(trial: RunningTrial, result: TaskResult): void {
    const trialId = trial.spec.id;
    const workerId = trial.workerId ?? 0;

    switch (result.status) {
      case 'finished': {
        const { status: _status, ...outcome } = result;
        this.emit({ kind: 'trial-finished', trialId, workerId, ...outcome });
        // A forest smaller than its rung finishes there, out of the search.
        this.apply(this.ladder?.leave(trial.rung) ?? null);
        break;
      }
      case 'preempted':
        this.emit({
          kind: 'trial-preempted',
          trialId,
          workerId,
          treesDone: result.checkpoint?.treesDone ?? 0,
        });
        this.queue.unshift({
          spec: trial.spec,
          attempt: trial.attempt,
          checkpoint: result.checkpoint,
          rung: trial.rung,
        });
        break;
      case 'rung-reached':
        // Back in the queue's view until the rung decides its fate.
        this.emit({
          kind: 'trial-preempted',
          trialId,
          workerId,
          treesDone: result.checkpoint.treesDone,
        });
        this.parked.set(trialId, {
          spec: trial.spec,
          attempt: trial.attempt,
          checkpoint: result.checkpoint,
          rung: trial.rung,
        });
        this.apply(
          this.ladder?.reach(trial.rung, {
            trialId,
            testScore: result.testScore,
          }) ?? null,
        );
        break;
      case 'aborted':
        this.options.logger.info(
          { trialId, treesDone: result.treesDone },
          'trial stopped',
        );
        break;
    }
  }

  private onError(trial: RunningTrial, error: unknown): void {
    const message = describeError(error);
    const { threadId, workerId, attempt, spec } = trial;
    // A chunk still training when the stop's grace ran out ends with its
    // thread. The trial did not fail: it stays unfinished, and a resume
    // trains it again.
    if (this.terminating) {
      this.options.logger.info(
        { trialId: spec.id, workerId, treesDone: trial.treesDone },
        'trial stopped with its thread',
      );

      return;
    }

    const willRetry = attempt <= this.options.retries && !this.stopping;
    this.options.logger.warn(
      { err: error, trialId: spec.id, workerId, attempt, willRetry },
      'trial failed',
    );

    if (threadId !== null && workerId !== null && !this.isAlive(threadId)) {
      this.threadIds.delete(workerId);
      this.crashedNumbers.add(workerId);
      this.emit({ kind: 'worker-failed', workerId, error: message });
    }
    this.emit({
      kind: 'trial-failed',
      trialId: spec.id,
      workerId,
      attempt,
      error: message,
      willRetry,
    });

    if (willRetry) {
      this.queue.push({
        spec,
        attempt: attempt + 1,
        checkpoint: null,
        rung: trial.rung,
      });
    } else {
      this.apply(this.ladder?.leave(trial.rung) ?? null);
    }
  }

  /**
   * Returns the trees at which a trial stops for its rung, or nothing when
   * it grows its whole forest: without halving, and at the last rung.
   */
  private rungLimitOf(queued: QueuedTrial): { stopAtTrees?: number } {
    const stopAtTrees = this.ladder?.stopAtTrees(queued.spec, queued.rung);

    return stopAtTrees === undefined ? {} : { stopAtTrees };
  }

  /**
   * Carries out a rung's decision: prunes the trials it stopped and queues
   * the ones it kept for the next rung, from their checkpoints.
   */
  private apply(decision: RungDecision | null): void {
    if (decision === null) {
      return;
    }

    for (const { trialId, testScore } of decision.pruned) {
      const trial = this.parked.get(trialId)!;
      this.parked.delete(trialId);
      this.emit({
        kind: 'trial-pruned',
        trialId,
        treesDone: trial.checkpoint?.treesDone ?? 0,
        testScore,
        rung: decision.rung,
      });
    }

    for (const trialId of decision.kept) {
      const trial = this.parked.get(trialId)!;
      this.parked.delete(trialId);
      this.queue.push({ ...trial, rung: decision.rung + 1 });
    }
  }

  /** Reports a thread that left the pool, unless its trial failed with it. */
  private onThreadGone(threadId: number): void {
    const workerId = this.workerNumberOf(threadId);
    const hadTrial = [...this.running.values()].some(
      (trial) => trial.threadId === threadId,
    );
    this.workerNumbers.delete(threadId);
    if (hadTrial && !this.stopping) {
      return;
    }

    this.threadIds.delete(workerId);
    this.emit({ kind: 'worker-exited', workerId });
  }

  /**
   * Gives each thread the lowest number no live thread has, so rows read
   * w1, w2, … as the pool grows and shrinks. A crashed thread's number is
   * not given again, so its failed row is not mistaken for its successor.
   */
  private workerNumberOf(threadId: number): number {
    const known = this.workerNumbers.get(threadId);
    if (known !== undefined) {
      return known;
    }

    const usedNumbers = new Set([
      ...this.workerNumbers.values(),
      ...this.crashedNumbers,
    ]);
    let number = 1;
    while (usedNumbers.has(number)) {
      number += 1;
    }
    this.workerNumbers.set(threadId, number);

    return number;
  }

  /** Hands back the least advanced trials when more run than the size. */
  private preemptExtraTrials(): void {
    const active = [...this.running.values()].filter(
      (trial) => Atomics.load(trial.control, 0) !== Control.preempt,
    );
    const extra = active.length - this.size;
    if (extra <= 0) {
      return;
    }

    active.sort((a, b) => a.treesDone - b.treesDone);
    for (const trial of active.slice(0, extra)) {
      signal(trial.control, Control.preempt);
    }
  }

  private isAlive(threadId: number): boolean {
    return this.requirePool().threads.some(
      (thread) => thread.threadId === threadId,
    );
  }

  private requirePool(): Piscina<TrainTask, TaskResult> {
    if (!this.pool) {
      throw new Error('The pool starts with run(): call run() first.');
    }

    return this.pool;
  }

  private async waitForRunning(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.running.size > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async end(outcome: RunOutcome): Promise<void> {
    const finish = this.finish;
    if (!finish) {
      return;
    }

    this.finish = null;
    this.stopping = true;
    this.terminating = true;
    await this.pool?.destroy();
    this.emit({ kind: 'run-finished', reason: outcome });
    finish(outcome);
  }

  private emit(event: DistributiveOmit<RunEvent, 'at'>): void {
    this.options.bus.emit({ ...event, at: Date.now() } as RunEvent);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown
  ? Omit<T, K>
  : never;

/** Sets a control cell, only from `from` when given, and wakes the task. */
function signal(control: Int32Array, value: number, from?: number): void {
  if (from === undefined) {
    Atomics.store(control, 0, value);
  } else {
    Atomics.compareExchange(control, 0, from, value);
  }
  Atomics.notify(control, 0);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }

  return String(error);
}
