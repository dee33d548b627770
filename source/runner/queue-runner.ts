import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

import type { SharedTable } from '../data/shared-table.js';
import type { HalvingOptions } from '../plan/halving.js';
import { HalvingLadder, type RungDecision } from '../plan/halving-ladder.js';
import type { TrialSpec } from '../plan/trial-spec.js';
import { toRedisOptions } from '../queue/connection-options.js';
import { MAX_THREADS, writeControl } from '../queue/control-record.js';
import { ErrorLog } from '../queue/error-log.js';
import { createRunKeys, type RunKeys } from '../queue/key-names.js';
import { readProgress } from '../queue/progress-stream.js';
import {
  TRIAL_JOB_NAME,
  type ControlRecord,
  type MessageOf,
  type ProgressMessage,
  type TrialJobData,
} from '../queue/protocol.js';
import { formatRedisUrl, type RedisTarget } from '../queue/redis-url.js';
import {
  announceRun,
  registerRun,
  unregisterRun,
} from '../queue/run-registry.js';
import { settlesWithin } from '../queue/settles-within.js';
import { storeTable } from '../queue/table-store.js';
import type { TrialJobResult } from '../queue/trial-job.js';
import type { EventBus } from '../state/event-bus.js';
import type { DataSource, RunEvent } from '../state/events.js';
import type { RunLogger } from './run-logger.js';
import type { RunOutcome, Runner, WorkerThread } from './runner.js';

/** Maximum stream entries read at once. */
const READ_COUNT = 1_000;

/** Maximum wait of one blocking stream read, in ms. */
const MAX_READ_BLOCK_MS = 1_000;

/**
 * A worker process counts as lost after this many of its ticks without a
 * heartbeat. The coordinator checks on each of its own ticks, 250 ms by
 * default against a worker's 1 s, so a lost host shows within 3 of its
 * ticks whenever the coordinator ticks at least twice as often.
 */
const LOST_AFTER_TICKS = 2.5;

/** Maximum wait for Redis per step when a run ends, in ms. */
const CLEANUP_LIMIT_MS = 3_000;

/** Keys deleted per command when a run's keys are removed. */
const SCAN_COUNT = 200;

export type QueueRunnerOptions = {
  readonly bus: EventBus;
  readonly runId: string;
  /** Job name shown in the header, such as `iris random forest`. */
  readonly job: string;
  readonly trials: readonly TrialSpec[];
  /** The rows and folds to store in Redis for the workers. */
  readonly table: SharedTable;
  readonly dataSource?: DataSource;
  /** Extra attempts for a trial that failed. */
  readonly retries: number;
  readonly target: RedisTarget;
  /** Key prefix of the run, which `traintop worker --prefix` names. */
  readonly prefix: string;
  /** Time between two ticks: registry, lost hosts, queue checks, in ms. */
  readonly tickMs: number;
  readonly logger: RunLogger;
  /** Trials of a resumed run that already have their result. */
  readonly doneTrialIds?: ReadonlySet<string>;
  /**
   * Runs a successive-halving search: each job stops its trial at a rung,
   * and only the best of each rung get a job for the next. Absent: every
   * trial grows all its trees.
   */
  readonly halving?: HalvingOptions;
};

/** The job of a trial still in the run, for the rung it trains towards. */
type TrialJob = {
  /** The trial id at rung 0, and `<trial id>-r<rung>` after it. */
  readonly jobId: string;
  /** Rung of a halving search, from 0; always 0 without halving. */
  readonly rung: number;
  readonly data: TrialJobData;
};

/** A worker process, as its heartbeats describe it. */
type HostRecord = {
  /** When its last heartbeat was read, on this machine's clock. */
  heardAt: number;
  tickMs: number;
  threads: number;
  isLost: boolean;
  /** Slots that have a worker row in the monitor. */
  readonly shownSlots: Set<number>;
};

/**
 * Runs a sweep on `traintop worker` processes through Redis. It stores the
 * run's table, puts one BullMQ job per trial on the run's queue, registers
 * the run and keeps it registered on every tick, and turns the workers'
 * progress stream into the same events as a local run. Controls reach the
 * workers through the run's control record.
 *
 * Each trial ends with exactly one result: messages about a trial that
 * already ended are dropped, so a trial trained twice, after its worker
 * died or Redis lost it, counts once. When Redis comes back empty after a
 * restart, the next tick stores everything again and adds the unfinished
 * trials back to the queue.
 */
export class QueueRunner implements Runner {
  private readonly keys: RunKeys;
  private readonly redis: Redis;
  /** Blocking stream reads hold a connection, so they get their own. */
  private readonly reader: Redis;
  private readonly queue: Queue<TrialJobData, TrialJobResult>;
  private readonly errors: ErrorLog;
  /** Trials with no final result yet, each with its current job. */
  private readonly pending: Map<string, TrialJob>;
  /** The rungs of a halving search, or null when trials grow in full. */
  private readonly ladder: HalvingLadder | null;
  /**
   * Trials of a halving search that reached their rung and wait for the
   * others, or for their next job, by trial id.
   */
  private readonly parked = new Set<string>();
  /** Next-rung jobs being added. Until they are, no job counts as lost. */
  private promotions: Promise<void> = Promise.resolve();
  private promoting = 0;
  private readonly hosts = new Map<string, HostRecord>();
  /** Worker numbers shown in the monitor, by `<hostId>/<slot>`. */
  private readonly workerNumbers = new Map<string, number>();
  private control: ControlRecord = { paused: false, threads: {} };
  /** Control writes in order, so a late write never undoes a newer one. */
  private controlWrites: Promise<void> = Promise.resolve();
  private totalThreads = 0;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> = Promise.resolve();
  /** When the last stream read returned, on this machine's clock. */
  private readAt = 0;
  private isSeeding = false;
  private stopping = false;
  private finish: ((outcome: RunOutcome) => void) | null = null;

  constructor(private readonly options: QueueRunnerOptions) {
    this.keys = createRunKeys(options.runId, { prefix: options.prefix });
    this.errors = new ErrorLog(options.logger);
    const connection = toRedisOptions(options.target);
    this.redis = new Redis(connection);
    this.reader = new Redis(connection);
    this.queue = new Queue<TrialJobData, TrialJobResult>(this.keys.queueName, {
      connection,
      prefix: options.prefix,
    });
    for (const [name, emitter] of [
      ['Redis connection', this.redis],
      ['Redis connection', this.reader],
      ['BullMQ queue', this.queue],
    ] as const) {
      emitter.on('error', (error: Error) => this.errors.warn(name, error));
    }
    this.watchConnection();

    const specs = options.trials.filter(
      (spec) => !options.doneTrialIds?.has(spec.id),
    );
    this.ladder = options.halving
      ? new HalvingLadder(options.halving, specs.length)
      : null;
    this.pending = new Map(specs.map((spec) => [spec.id, this.firstJob(spec)]));
  }

  get isPaused(): boolean {
    return this.control.paused;
  }

  /** Trials trained at once over every live worker process. */
  get poolSize(): number {
    return this.totalThreads;
  }

  run(): Promise<RunOutcome> {
    const { options } = this;
    const queue = {
      redis: formatRedisUrl(options.target),
      prefix: options.prefix,
    };
    if (options.doneTrialIds) {
      this.emit({
        kind: 'run-continued',
        poolSize: 0,
        maxPoolSize: 0,
        queue,
      });
    } else {
      this.emit({
        kind: 'run-started',
        runId: options.runId,
        job: options.job,
        trials: options.trials,
        poolSize: 0,
        maxPoolSize: 0,
        retries: options.retries,
        queue,
        ...(options.dataSource ? { data: options.dataSource } : {}),
        ...(options.halving ? { halving: options.halving } : {}),
      });
    }
    options.logger.info({ ...queue, queue: this.keys.queueName }, 'queued run');

    const done = new Promise<RunOutcome>((resolve) => {
      this.finish = resolve;
    });
    void this.start();

    return done;
  }

  private async start(): Promise<void> {
    try {
      // Keys left by an earlier coordinator of this run, such as one that
      // was killed before `traintop resume`, would replay old messages.
      await this.deleteRunKeys();
      await this.seed();
      await registerRun(this.redis, this.options.prefix, this.options.runId);
      await announceRun(this.redis, this.options.prefix, this.options.runId);
    } catch (error) {
      this.errors.warn('run setup', error);
    }

    if (this.stopping) {
      return;
    }

    this.reading = this.readLoop();
    this.scheduleTick();
    if (this.pending.size === 0) {
      await this.end('completed');
    }
  }

  pause(): void {
    if (this.control.paused || this.stopping) {
      return;
    }

    this.setControl({ ...this.control, paused: true });
    this.runQueueCommand('pause', () => this.queue.pause());
    this.emit({ kind: 'run-paused' });
  }

  resume(): void {
    if (!this.control.paused || this.stopping) {
      return;
    }

    this.setControl({ ...this.control, paused: false });
    this.runQueueCommand('resume', () => this.queue.resume());
    this.emit({ kind: 'run-resumed' });
  }

  /**
   * The thread count of a queued run belongs to each worker process, so
   * the pool as a whole is resized through `resizeHost`.
   */
  resize(_poolSize: number): void {}

  resizeHost(hostId: string, delta: number): void {
    const host = this.hosts.get(hostId);
    if (host === undefined || host.isLost || this.stopping) {
      return;
    }

    // Counted from the last request, so quick key presses add up before
    // the worker's heartbeat shows the new count.
    const current = Object.hasOwn(this.control.threads, hostId)
      ? this.control.threads[hostId]!
      : host.threads;
    const threads = Math.min(MAX_THREADS, Math.max(1, current + delta));
    if (threads === current) {
      return;
    }

    this.options.logger.info({ hostId, threads }, 'host thread count set');
    this.setControl({
      ...this.control,
      threads: { ...this.control.threads, [hostId]: threads },
    });
  }

  async stop(): Promise<void> {
    if (this.stopping) {
      return;
    }

    this.stopping = true;
    await this.end('stopped');
  }

  /** Returns no threads: those of a queued run are on other machines. */
  listThreads(): WorkerThread[] {
    return [];
  }

  /** Stores the table and control record and queues the pending trials. */
  private async seed(): Promise<void> {
    await storeTable(this.redis, this.keys, this.options.table);
    await writeControl(this.redis, this.keys, this.control);
    if (this.control.paused) {
      await this.queue.pause();
    }

    await this.addJobs([...this.pending.values()]);
  }

  /** Returns a trial's job at the first rung, from no trees. */
  private firstJob(spec: TrialSpec): TrialJob {
    const stopAtTrees = this.ladder?.stopAtTrees(spec, 0);

    return {
      jobId: spec.id,
      rung: 0,
      data: {
        spec,
        attempt: 1,
        checkpoint: null,
        ...(stopAtTrees === undefined ? {} : { stopAtTrees }),
      },
    };
  }

  /** Adds each trial's job; a job that exists already is left alone. */
  private async addJobs(jobs: readonly TrialJob[]): Promise<void> {
    await this.queue.addBulk(
      jobs.map(({ jobId, data }) => ({
        name: TRIAL_JOB_NAME,
        data,
        opts: { jobId, attempts: this.options.retries + 1 },
      })),
    );
  }

  private scheduleTick(): void {
    this.timer = setTimeout(() => {
      void this.tick().finally(() => {
        if (!this.stopping) {
          this.scheduleTick();
        }
      });
    }, this.options.tickMs);
  }

  private async tick(): Promise<void> {
    this.markLostHosts();
    try {
      await registerRun(this.redis, this.options.prefix, this.options.runId);
      await this.restoreLostKeys();
      await this.settleEndedJobs();
    } catch (error) {
      if (!this.stopping) {
        this.errors.warn('tick', error);
      }
    }
  }

  /**
   * Seeds the run again when its table is gone, as after a restart of a
   * Redis server that keeps nothing on disk.
   */
  private async restoreLostKeys(): Promise<void> {
    if (this.isSeeding || (await this.redis.exists(this.keys.tableKey)) > 0) {
      return;
    }

    this.isSeeding = true;
    try {
      this.options.logger.warn(
        { pending: this.pending.size },
        'run keys missing in Redis; storing them again',
      );
      await this.seed();
    } finally {
      this.isSeeding = false;
    }
  }

  /**
   * Takes the result of trials whose jobs ended without a message read
   * from the stream: a job BullMQ failed after too many stalls, or one
   * whose message the stream no longer holds. Runs once the queue has no
   * job left to train.
   */
  private async settleEndedJobs(): Promise<void> {
    if (this.pending.size === 0 || this.isSeeding || this.promoting > 0) {
      return;
    }

    const counts = await this.queue.getJobCounts(
      'active',
      'waiting',
      'delayed',
      'prioritized',
      'waiting-children',
    );
    if (Object.values(counts).some((count) => count > 0)) {
      return;
    }

    for (const [trialId, { jobId }] of [...this.pending]) {
      const job = await this.queue.getJob(jobId);
      const state = job === undefined ? 'missing' : await job.getState();
      if (this.pending.get(trialId)?.jobId !== jobId) {
        continue;
      }

      if (state === 'completed' && job?.returnvalue) {
        this.handle(job.returnvalue);
      } else if (state === 'failed') {
        this.failTrial(trialId, job?.failedReason ?? 'the job failed');
      } else if (state === 'missing' || state === 'unknown') {
        this.options.logger.warn({ trialId }, 'trial job missing; adding it');
        await this.addJobs([this.pending.get(trialId)!]);
      }
    }
  }

  private async readLoop(): Promise<void> {
    let afterId = '0';
    const blockMs = Math.min(MAX_READ_BLOCK_MS, this.options.tickMs);
    while (!this.stopping) {
      try {
        const entries = await readProgress(this.reader, this.keys, {
          afterId,
          blockMs,
          count: READ_COUNT,
        });
        this.readAt = Date.now();
        for (const entry of entries) {
          afterId = entry.id;
          this.handle(entry.message);
        }
      } catch (error) {
        if (!this.stopping) {
          this.errors.warn('progress stream', error);
          await sleep(blockMs);
        }
      }
    }
  }

  /**
   * Reports when the command connection to Redis drops and when it is back,
   * so the monitor can show why nothing moves. The last error before the
   * drop names the cause.
   */
  private watchConnection(): void {
    let lastError = 'the connection closed';
    let isReachable = true;
    this.redis.on('error', (error: Error) => {
      lastError = error.message;
    });
    this.redis.on('reconnecting', () => {
      if (isReachable && !this.stopping && this.finish !== null) {
        isReachable = false;
        this.options.logger.warn({ error: lastError }, 'Redis unreachable');
        this.emit({ kind: 'queue-unreachable', error: lastError });
      }
    });
    this.redis.on('ready', () => {
      if (!isReachable) {
        isReachable = true;
        this.errors.clear('Redis connection');
        this.options.logger.info({}, 'Redis reachable again');
        this.emit({ kind: 'queue-reachable' });
      }
    });
  }

  /** Turns one worker message into run events. */
  private handle(message: ProgressMessage): void {
    if (this.stopping) {
      return;
    }

    if (message.kind === 'host-sampled') {
      this.onHeartbeat(message);
      return;
    }

    if (message.kind === 'log') {
      this.options.logger[message.level](
        { hostId: message.workerId, trialId: message.trialId },
        message.message,
      );
      return;
    }

    // A trial that already has its result was trained twice; the first
    // result is kept.
    if (!this.pending.has(message.trialId)) {
      return;
    }

    const workerId = this.workerNumberOf(message.workerId, message.slot);
    const { trialId } = message;
    switch (message.kind) {
      case 'trial-started':
        this.emit({
          kind: 'trial-started',
          trialId,
          workerId,
          attempt: message.attempt,
          treesDone: message.treesDone,
        });
        break;
      case 'trial-progress':
        this.emit({
          kind: 'trial-progress',
          trialId,
          workerId,
          treesDone: message.treesDone,
          elapsedMs: message.elapsedMs,
          trainScore: message.trainScore,
          testScore: message.testScore,
          oobScore: message.oobScore,
        });
        break;
      case 'trial-finished': {
        const {
          kind,
          at: _at,
          workerId: _host,
          slot: _slot,
          ...result
        } = message;
        const { rung } = this.pending.get(trialId)!;
        this.pending.delete(trialId);
        this.emit({ kind, ...result, workerId });
        // A forest smaller than its rung finishes there, out of the search.
        this.apply(this.ladder?.leave(rung) ?? null);
        this.endIfDone();
        break;
      }
      case 'trial-rung-reached':
        this.onRungReached(message, workerId);
        break;
      case 'trial-preempted':
        this.emit({
          kind: 'trial-preempted',
          trialId,
          workerId,
          treesDone: message.treesDone,
        });
        break;
      case 'trial-failed':
        this.emit({
          kind: 'trial-failed',
          trialId,
          workerId,
          attempt: message.attempt,
          error: message.error,
          willRetry: message.willRetry,
        });
        if (!message.willRetry) {
          this.leaveRun(trialId);
        }
        break;
    }
  }

  /**
   * Parks a trial that reached the rung its job stops at, until the rung
   * decides. A report from an earlier rung's job, or a second report of
   * this one, is dropped.
   */
  private onRungReached(
    message: MessageOf<'trial-rung-reached'>,
    workerId: number,
  ): void {
    const { trialId, treesDone, testScore } = message;
    const job = this.pending.get(trialId)!;
    const stopAt = job.data.stopAtTrees;
    if (
      this.ladder === null ||
      this.parked.has(trialId) ||
      stopAt === undefined ||
      treesDone < stopAt
    ) {
      return;
    }

    this.parked.add(trialId);
    // Back in the queue's view until the rung decides its fate.
    this.emit({ kind: 'trial-preempted', trialId, workerId, treesDone });
    this.apply(this.ladder.reach(job.rung, { trialId, testScore }));
  }

  /**
   * Carries out a rung's decision: prunes the trials it stopped, and gives
   * each trial it kept a job for the next rung that starts from the
   * checkpoint its last job stored.
   */
  private apply(decision: RungDecision | null): void {
    if (decision === null) {
      return;
    }

    for (const { trialId, testScore } of decision.pruned) {
      const job = this.pending.get(trialId);
      this.pending.delete(trialId);
      this.parked.delete(trialId);
      this.emit({
        kind: 'trial-pruned',
        trialId,
        treesDone: job?.data.stopAtTrees ?? 0,
        testScore,
        rung: decision.rung,
      });
    }

    const kept = decision.kept.flatMap((trialId) => {
      const job = this.pending.get(trialId);

      return job === undefined ? [] : [job];
    });
    if (kept.length > 0) {
      this.promoting += 1;
      this.promotions = this.promotions
        .then(() => this.promote(kept, decision.rung + 1))
        .catch((error: unknown) => this.errors.warn('rung promotion', error))
        .finally(() => {
          this.promoting -= 1;
        });
    }
    this.endIfDone();
  }

  /** Adds the jobs of trials kept for rung `rung`, from their checkpoints. */
  private async promote(
    lastJobs: readonly TrialJob[],
    rung: number,
  ): Promise<void> {
    const jobs: TrialJob[] = [];
    for (const last of lastJobs) {
      const { spec } = last.data;
      // A checkpoint lost with Redis's data means growing the trees again.
      const stored = await this.queue.getJob(last.jobId);
      const stopAtTrees = this.ladder?.stopAtTrees(spec, rung);
      jobs.push({
        jobId: `${spec.id}-r${rung}`,
        rung,
        data: {
          spec,
          attempt: 1,
          checkpoint: stored?.data.checkpoint ?? null,
          ...(stopAtTrees === undefined ? {} : { stopAtTrees }),
        },
      });
    }

    for (const job of jobs) {
      const trialId = job.data.spec.id;
      if (this.pending.has(trialId)) {
        this.pending.set(trialId, job);
        this.parked.delete(trialId);
      }
    }
    if (!this.stopping) {
      await this.addJobs(jobs);
    }
  }

  /** Ends a trial that failed for good, and its place in a halving rung. */
  private leaveRun(trialId: string): void {
    const job = this.pending.get(trialId);
    this.pending.delete(trialId);
    this.parked.delete(trialId);
    if (job !== undefined) {
      this.apply(this.ladder?.leave(job.rung) ?? null);
    }
    this.endIfDone();
  }

  private failTrial(trialId: string, error: string): void {
    this.emit({
      kind: 'trial-failed',
      trialId,
      workerId: null,
      attempt: this.options.retries + 1,
      error,
      willRetry: false,
    });
    this.leaveRun(trialId);
  }

  private onHeartbeat(message: MessageOf<'host-sampled'>): void {
    const hostId = message.workerId;
    let host = this.hosts.get(hostId);
    if (host === undefined) {
      host = {
        heardAt: 0,
        tickMs: message.tickMs,
        threads: message.threads,
        isLost: false,
        shownSlots: new Set(),
      };
      this.hosts.set(hostId, host);
      this.options.logger.info({ hostId, host: message.host }, 'host joined');
    } else if (host.isLost) {
      this.options.logger.info({ hostId }, 'host heard from again');
    }

    Object.assign(host, {
      heardAt: Date.now(),
      tickMs: message.tickMs,
      threads: message.threads,
      isLost: false,
    });
    this.emit({
      kind: 'host-sampled',
      hostId,
      host: message.host,
      threads: message.threads,
      busyThreads: message.busyThreads,
      cpuPercent: message.cpuPercent,
      memUsedBytes: message.memUsedBytes,
      memTotalBytes: message.memTotalBytes,
    });
    this.showSlots(hostId, host, message);
    this.updatePoolSize();
  }

  /**
   * Keeps one worker row per thread of a host: rows for new slots start,
   * and idle rows above a lowered thread count leave.
   */
  private showSlots(
    hostId: string,
    host: HostRecord,
    message: MessageOf<'host-sampled'>,
  ): void {
    const busySlots = new Set(message.slots.map((reading) => reading.slot));
    for (let slot = 1; slot <= message.threads; slot += 1) {
      this.showSlot(hostId, host, slot);
    }
    for (const slot of busySlots) {
      this.showSlot(hostId, host, slot);
    }

    for (const slot of [...host.shownSlots]) {
      if (slot > message.threads && !busySlots.has(slot)) {
        host.shownSlots.delete(slot);
        this.emit({
          kind: 'worker-exited',
          workerId: this.workerNumberOf(hostId, slot),
        });
      }
    }

    // Idle threads are not measured, so their rows drop an old reading.
    const cpuBySlot = new Map(
      message.slots.map((reading) => [reading.slot, reading.cpuPercent]),
    );
    this.emit({
      kind: 'threads-sampled',
      threads: [...host.shownSlots].map((slot) => ({
        workerId: this.workerNumberOf(hostId, slot),
        cpuPercent: cpuBySlot.get(slot) ?? null,
      })),
    });
  }

  private showSlot(hostId: string, host: HostRecord, slot: number): void {
    if (!host.shownSlots.has(slot)) {
      host.shownSlots.add(slot);
      this.emit({
        kind: 'worker-started',
        workerId: this.workerNumberOf(hostId, slot),
        hostId,
      });
    }
  }

  /**
   * Reports hosts whose heartbeats stopped. Skipped while the stream
   * cannot be read, because then no host is heard from, lost or not.
   */
  private markLostHosts(): void {
    const now = Date.now();
    if (now - this.readAt > 2 * MAX_READ_BLOCK_MS) {
      return;
    }

    for (const [hostId, host] of this.hosts) {
      if (!host.isLost && now - host.heardAt > LOST_AFTER_TICKS * host.tickMs) {
        host.isLost = true;
        host.shownSlots.clear();
        this.options.logger.warn(
          { hostId, silentMs: now - host.heardAt },
          'host lost',
        );
        this.emit({ kind: 'host-lost', hostId });
      }
    }
    this.updatePoolSize();
  }

  private updatePoolSize(): void {
    let total = 0;
    for (const host of this.hosts.values()) {
      total += host.isLost ? 0 : host.threads;
    }

    if (total !== this.totalThreads) {
      this.totalThreads = total;
      this.emit({ kind: 'pool-resized', poolSize: total });
    }
  }

  /**
   * Numbers each thread of each worker process once, from 1 up, so a row
   * in the monitor keeps its number while the run lasts.
   */
  private workerNumberOf(hostId: string, slot: number): number {
    // A host's slots are numbered in slot order, even when a higher slot
    // reports first, so its rows read in order.
    for (let lower = 1; lower <= slot; lower += 1) {
      const key = `${hostId}/${lower}`;
      if (!this.workerNumbers.has(key)) {
        this.workerNumbers.set(key, this.workerNumbers.size + 1);
      }
    }

    return this.workerNumbers.get(`${hostId}/${slot}`)!;
  }

  private setControl(control: ControlRecord): void {
    this.control = control;
    this.controlWrites = this.controlWrites
      .then(async () => {
        await writeControl(this.redis, this.keys, control);
        await announceRun(this.redis, this.options.prefix, this.options.runId);
      })
      .catch((error: unknown) => this.errors.warn('control record', error));
  }

  private runQueueCommand(name: string, command: () => Promise<void>): void {
    command().catch((error: unknown) => {
      this.errors.warn(`queue ${name}`, error);
    });
  }

  private endIfDone(): void {
    if (this.pending.size === 0) {
      void this.end('completed');
    }
  }

  private async end(outcome: RunOutcome): Promise<void> {
    const finish = this.finish;
    if (!finish) {
      return;
    }

    this.finish = null;
    this.stopping = true;
    clearTimeout(this.timer);
    // Commands wait for Redis to come back, so a quit while it is down
    // would wait for ever: past the limit, the keys stay, and a later
    // `traintop resume` or the workers' own cleanup removes them.
    const cleanup = this.removeRun().catch((error: unknown) => {
      this.errors.warn('run cleanup', error);
    });
    if (!(await settlesWithin(cleanup, CLEANUP_LIMIT_MS))) {
      this.options.logger.warn(
        { waitMs: CLEANUP_LIMIT_MS },
        'Redis did not answer; leaving the run in Redis',
      );
    }

    // The blocking read ends within one block once `stopping` is set;
    // disconnecting cuts it short.
    this.reader.disconnect();
    await this.reading;
    if (!(await settlesWithin(this.queue.close(), CLEANUP_LIMIT_MS))) {
      await this.queue.disconnect();
    }
    this.redis.disconnect();
    this.emit({ kind: 'run-finished', reason: outcome });
    finish(outcome);
  }

  /** Writes the last controls, then unregisters the run and deletes it. */
  private async removeRun(): Promise<void> {
    await this.controlWrites;
    await unregisterRun(this.redis, this.options.prefix, this.options.runId);
    await this.deleteRunKeys();
  }

  /**
   * Removes the run's queue and keys. Workers still serving the run drop
   * its jobs and go idle once the run is no longer registered.
   */
  private async deleteRunKeys(): Promise<void> {
    await this.queue.obliterate({ force: true });
    const { progressStream, controlKey, tableKey, heartbeatPattern } =
      this.keys;
    await this.redis.del(progressStream, controlKey, tableKey);
    let cursor = '0';
    do {
      const [next, found] = await this.redis.scan(
        cursor,
        'MATCH',
        heartbeatPattern,
        'COUNT',
        SCAN_COUNT,
      );
      if (found.length > 0) {
        await this.redis.del(...found);
      }
      cursor = next;
    } while (cursor !== '0');
  }

  private emit(event: DistributiveOmit<RunEvent, 'at'>): void {
    this.options.bus.emit({ ...event, at: Date.now() } as RunEvent);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown
  ? Omit<T, K>
  : never;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
