import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

import type { RunLogger } from '../runner/run-logger.js';
import { toRedisOptions } from './connection-options.js';
import { readControl } from './control-record.js';
import { ErrorLog } from './error-log.js';
import { HostSampler } from './host-sampler.js';
import { createRunKeys, heartbeatKey, noticeChannel } from './key-names.js';
import { RUN_STALE_MS } from './protocol.js';
import { formatRedisUrl, type RedisTarget } from './redis-url.js';
import { RunConsumer } from './run-consumer.js';
import { listActiveRuns } from './run-registry.js';

/** A heartbeat key outlives this many ticks, so one late tick keeps it. */
const HEARTBEAT_TTL_TICKS = 3;

export type QueueWorkerOptions = {
  readonly target: RedisTarget;
  /** Key prefix of the runs to serve. */
  readonly prefix: string;
  /** Trials trained at once per run, unless the run's control sets it. */
  readonly threads: number;
  /** Time between two ticks, in ms: registry poll, controls, heartbeat. */
  readonly tickMs: number;
  /** Id of this worker, unique among the workers of a run. */
  readonly workerId: string;
  readonly host: string;
  readonly logger: RunLogger;
};

/**
 * A `traintop worker` process: on every tick it reads the registry of
 * active runs, serves each active run with a RunConsumer, applies each
 * run's control record and sends a heartbeat. It stops serving a run that
 * has been inactive for RUN_STALE_MS. Redis errors are logged and never
 * stop it: ioredis reconnects, and commands wait for the connection.
 */
export class QueueWorker {
  private readonly redis: Redis;
  private readonly errors: ErrorLog;
  private readonly sampler: HostSampler;
  private readonly consumers = new Map<string, RunConsumer>();
  /** When each served run was last seen active, on this machine's clock. */
  private readonly lastSeenAt = new Map<string, number>();
  /** Connection in subscriber mode, which can run no other command. */
  private readonly subscriber: Redis;
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> = Promise.resolve();
  private isRefreshQueued = false;
  private isStopping = false;

  constructor(private readonly options: QueueWorkerOptions) {
    this.errors = new ErrorLog(options.logger);
    this.sampler = new HostSampler((error) => {
      this.errors.warn('memory reading', error);
    });
    this.redis = new Redis(toRedisOptions(options.target));
    this.subscriber = new Redis(toRedisOptions(options.target));
    this.subscriber.on('error', (error: Error) => {
      this.errors.warn('Redis connection', error);
    });
    this.watchConnection();
  }

  /** Starts ticking; the first tick runs at once. */
  start(): void {
    const { logger, workerId, prefix, threads, target } = this.options;
    logger.info(
      { workerId, prefix, threads, redis: formatRedisUrl(target) },
      'worker started',
    );
    this.listenForNotices();
    void this.tickAndSchedule();
  }

  /**
   * Stops every run: running trials hand their jobs back with checkpoints,
   * then BullMQ, the pools and the Redis client close.
   */
  async stop(): Promise<void> {
    this.isStopping = true;
    clearTimeout(this.timer);
    await Promise.all(
      [...this.consumers.keys()].map((runId) => this.stopServing(runId)),
    );
    // A tick still waiting for Redis gets "Connection is closed" and ends.
    this.subscriber.disconnect();
    this.redis.disconnect();
    this.options.logger.info({ workerId: this.options.workerId }, 'stopped');
  }

  private async tickAndSchedule(): Promise<void> {
    const startedAt = Date.now();
    try {
      await this.tick();
    } catch (error) {
      if (!this.isStopping) {
        this.errors.warn('tick', error);
      }
    }

    if (!this.isStopping) {
      const delayMs = this.options.tickMs - (Date.now() - startedAt);
      this.timer = setTimeout(
        () => void this.tickAndSchedule(),
        Math.max(0, delayMs),
      );
    }
  }

  private async tick(): Promise<void> {
    await this.refreshInTurn();
    if (this.consumers.size === 0) {
      return;
    }

    const reading = await this.sampler.read();
    await Promise.all(
      [...this.consumers].map(async ([runId, consumer]) => {
        try {
          await consumer.heartbeat(reading);
        } catch (error) {
          this.errors.warn('heartbeat', error, { runId });
        }
      }),
    );
  }

  /**
   * Refreshes after the ones before it, so two never interleave. A notice
   * that arrives while one waits to start adds nothing: the waiting one
   * reads Redis after the notice anyway.
   */
  private refreshInTurn(): Promise<void> {
    if (this.isRefreshQueued) {
      return this.refreshing;
    }

    this.isRefreshQueued = true;
    this.refreshing = this.refreshing
      .catch(() => {})
      .then(() => {
        this.isRefreshQueued = false;

        return this.refresh();
      });

    return this.refreshing;
  }

  /** Serves new runs, stops stale ones and applies each run's controls. */
  private async refresh(): Promise<void> {
    const { prefix } = this.options;
    const activeRunIds = await listActiveRuns(this.redis, prefix);
    await this.updateRuns(activeRunIds);
    await Promise.all(
      [...this.consumers].map(async ([runId, consumer]) => {
        try {
          const keys = createRunKeys(runId, { prefix });
          await consumer.applyControl(await readControl(this.redis, keys));
        } catch (error) {
          this.errors.warn('run control', error, { runId });
        }
      }),
    );
  }

  /**
   * Listens for the notices that coordinators publish when a run starts or
   * its controls change, and refreshes at once instead of on the next tick.
   * ioredis subscribes again after a reconnection.
   */
  private listenForNotices(): void {
    this.subscriber.on('message', () => {
      if (!this.isStopping) {
        this.refreshInTurn().catch((error: unknown) => {
          this.errors.warn('notice', error);
        });
      }
    });
    this.subscriber
      .subscribe(noticeChannel(this.options.prefix))
      .catch((error: unknown) => this.errors.warn('notice channel', error));
  }

  /** Serves runs that became active and stops runs inactive too long. */
  private async updateRuns(activeRunIds: readonly string[]): Promise<void> {
    const now = Date.now();
    for (const runId of activeRunIds) {
      this.lastSeenAt.set(runId, now);
    }

    // Judged on this machine's clock over several polls, so a registry
    // that looks stale right after Redis comes back does not stop a run
    // before its coordinator has had time to tick again.
    const stale = [...this.consumers.keys()].filter(
      (runId) => now - (this.lastSeenAt.get(runId) ?? 0) >= RUN_STALE_MS,
    );
    const opening = activeRunIds
      .filter((runId) => !this.consumers.has(runId))
      .map((runId) => this.serve(runId));
    await Promise.all([
      ...stale.map((runId) => this.stopServing(runId)),
      ...opening,
    ]);
  }

  private async serve(runId: string): Promise<void> {
    const { options } = this;
    try {
      const consumer = await RunConsumer.open({
        runId,
        keys: createRunKeys(runId, { prefix: options.prefix }),
        target: options.target,
        redis: this.redis,
        workerId: options.workerId,
        host: options.host,
        threads: options.threads,
        tickMs: options.tickMs,
        heartbeatTtlMs: HEARTBEAT_TTL_TICKS * options.tickMs,
        logger: options.logger,
        errors: this.errors,
      });
      if (this.isStopping) {
        await consumer.stop();
        return;
      }

      this.consumers.set(runId, consumer);
      options.logger.info({ runId }, 'serving run');
    } catch (error) {
      this.errors.warn('open run', error, { runId });
    }
  }

  private async stopServing(runId: string): Promise<void> {
    const consumer = this.consumers.get(runId);
    if (consumer === undefined) {
      return;
    }

    await consumer.stop();
    this.consumers.delete(runId);
    this.lastSeenAt.delete(runId);
    this.options.logger.info({ runId }, 'stopped serving run');
    if (!this.isStopping) {
      await this.removeEndedRun(runId).catch((error: unknown) => {
        this.errors.warn('run cleanup', error, { runId });
      });
    }
  }

  /**
   * Deletes the keys this worker wrote to a run after its coordinator ended
   * it: between the coordinator's cleanup and this worker's notice, its
   * heartbeats recreate the progress stream and BullMQ recreates the
   * queue's keys. A run whose table is still there is left alone, because
   * its coordinator may yet come back.
   */
  private async removeEndedRun(runId: string): Promise<void> {
    const { prefix, target, workerId } = this.options;
    const keys = createRunKeys(runId, { prefix });
    if ((await this.redis.exists(keys.tableKey)) > 0) {
      return;
    }

    const queue = new Queue(keys.queueName, {
      connection: toRedisOptions(target),
      prefix,
    });
    queue.on('error', (error: Error) => {
      this.errors.warn('run cleanup', error, { runId });
    });
    try {
      await queue.obliterate({ force: true });
    } finally {
      await queue.close();
    }
    await this.redis.del(keys.progressStream, heartbeatKey(keys, workerId));
  }

  private watchConnection(): void {
    const { logger } = this.options;
    let isDown = false;
    this.redis.on('error', (error: Error) => {
      this.errors.warn('Redis connection', error);
    });
    this.redis.on('reconnecting', (delayMs: number) => {
      if (!isDown && !this.isStopping) {
        isDown = true;
        logger.warn({ delayMs }, 'Redis connection lost; reconnecting');
      }
    });
    this.redis.on('ready', () => {
      if (!isDown) {
        return;
      }

      isDown = false;
      const repeats = this.errors.clear('Redis connection');
      logger.info({ unloggedRepeats: repeats }, 'reconnected to Redis');
    });
  }
}
