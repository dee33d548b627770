// A small coordinator for tests of `traintop worker`: it registers a run,
// stores its table, adds trial jobs, writes the control record and collects
// every message of the progress stream, as `traintop run --redis` will.

import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

import type { SharedTable } from '../../source/data/shared-table.js';
import type { TrialSpec } from '../../source/plan/trial-spec.js';
import { toRedisOptions } from '../../source/queue/connection-options.js';
import { writeControl } from '../../source/queue/control-record.js';
import { createRunKeys, type RunKeys } from '../../source/queue/key-names.js';
import { readProgress } from '../../source/queue/progress-stream.js';
import {
  TRIAL_JOB_NAME,
  type ControlRecord,
  type MessageOf,
  type ProgressKind,
  type ProgressMessage,
  type TrialJobData,
} from '../../source/queue/protocol.js';
import { parseRedisUrl } from '../../source/queue/redis-url.js';
import { registerRun, unregisterRun } from '../../source/queue/run-registry.js';
import { storeTable } from '../../source/queue/table-store.js';

/** Time between two registry updates, in ms, as a coordinator's tick. */
const REGISTER_INTERVAL_MS = 500;
/** Maximum wait of one stream read, in ms. */
const READ_BLOCK_MS = 200;
const READ_COUNT = 1_000;
const POLL_MS = 50;

export type TestCoordinatorOptions = {
  readonly url: string;
  readonly prefix: string;
  readonly runId: string;
  readonly table: SharedTable;
};

export class TestCoordinator {
  readonly keys: RunKeys;
  /** Every message read from the stream so far, in stream order. */
  readonly messages: ProgressMessage[] = [];
  readonly queue: Queue<TrialJobData>;
  private readonly redis: Redis;
  private readonly reader: Redis;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> = Promise.resolve();
  private isClosed = false;

  private constructor(private readonly options: TestCoordinatorOptions) {
    const connection = toRedisOptions(parseRedisUrl(options.url));
    this.keys = createRunKeys(options.runId, { prefix: options.prefix });
    this.redis = new Redis(connection);
    this.reader = new Redis(connection);
    // Errors while a test restarts Redis; commands wait and go on.
    this.redis.on('error', () => {});
    this.reader.on('error', () => {});
    this.queue = new Queue<TrialJobData>(this.keys.queueName, {
      connection,
      prefix: options.prefix,
    });
    this.queue.on('error', () => {});
  }

  /** Stores the table, registers the run and starts reading its stream. */
  static async start(options: TestCoordinatorOptions) {
    const coordinator = new TestCoordinator(options);
    await storeTable(coordinator.redis, coordinator.keys, options.table);
    await coordinator.register();
    coordinator.timer = setInterval(
      () => void coordinator.register().catch(() => {}),
      REGISTER_INTERVAL_MS,
    );
    coordinator.reading = coordinator.readLoop();

    return coordinator;
  }

  /** Adds one job per trial, which may try each trial `attempts` times. */
  async addTrials(specs: readonly TrialSpec[], attempts = 1): Promise<void> {
    await this.queue.addBulk(
      specs.map((spec) => ({
        name: TRIAL_JOB_NAME,
        data: { spec, attempt: 1, checkpoint: null },
        opts: { jobId: spec.id, attempts },
      })),
    );
  }

  async setControl(control: ControlRecord): Promise<void> {
    await writeControl(this.redis, this.keys, control);
  }

  /** Returns the messages of one kind, optionally of one trial. */
  messagesOf<K extends ProgressKind>(kind: K, trialId?: string) {
    return this.messages.filter(
      (message): message is MessageOf<K> =>
        message.kind === kind &&
        (trialId === undefined ||
          ('trialId' in message && message.trialId === trialId)),
    );
  }

  /** Waits until `isDone` holds for the messages read so far. */
  async waitFor(
    description: string,
    isDone: (messages: readonly ProgressMessage[]) => boolean,
    timeoutMs: number,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!isDone(this.messages)) {
      if (Date.now() > deadline) {
        throw new Error(
          `Timed out after ${timeoutMs} ms waiting for ${description}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Waits for the first message of a kind that matches, and returns it. */
  async waitForMessage<K extends ProgressKind>(
    kind: K,
    matches: (message: MessageOf<K>) => boolean,
    timeoutMs: number,
  ): Promise<MessageOf<K>> {
    let found: MessageOf<K> | undefined;
    await this.waitFor(
      `a ${kind} message`,
      () => {
        found = this.messagesOf(kind).find(matches);
        return found !== undefined;
      },
      timeoutMs,
    );

    return found!;
  }

  /** Stops registering the run and removes it, as a coordinator that ends. */
  async unregister(): Promise<void> {
    clearInterval(this.timer);
    await unregisterRun(this.redis, this.options.prefix, this.options.runId);
  }

  /**
   * Ends the run as a coordinator that quits does: unregisters it, then
   * deletes its queue and the run's own keys while workers may still serve
   * it.
   */
  async quit(): Promise<void> {
    await this.unregister();
    await this.queue.obliterate({ force: true });
    const { prefix, runId } = this.options;
    await deleteKeys(this.redis, `${prefix}:run:${runId}:*`);
  }

  /** Waits until BullMQ counts `count` completed jobs. */
  async waitForCompleted(count: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.queue.getCompletedCount()) < count) {
      if (Date.now() > deadline) {
        throw new Error(
          `Timed out after ${timeoutMs} ms waiting for ${count} completed jobs`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Stops the run and deletes every key under the test's prefix. */
  async close(): Promise<void> {
    this.isClosed = true;
    clearInterval(this.timer);
    await this.reading;
    await unregisterRun(this.redis, this.options.prefix, this.options.runId);
    await this.queue.close();
    await deleteKeys(this.redis, `${this.options.prefix}:*`);
    this.redis.disconnect();
    this.reader.disconnect();
  }

  private async register(): Promise<void> {
    await registerRun(this.redis, this.options.prefix, this.options.runId);
  }

  private async readLoop(): Promise<void> {
    let afterId = '0';
    while (!this.isClosed) {
      const entries = await readProgress(this.reader, this.keys, {
        afterId,
        blockMs: READ_BLOCK_MS,
        count: READ_COUNT,
      });
      for (const entry of entries) {
        this.messages.push(entry.message);
        afterId = entry.id;
      }
    }
  }
}

/** Deletes the keys that match `pattern`, which names only a test's keys. */
export async function deleteKeys(redis: Redis, pattern: string) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern);
    if (keys.length > 0) {
      await redis.del(...keys);
    }
    cursor = next;
  } while (cursor !== '0');
}
