// The coordinator of a queued run, driven the way the monitor's keys drive
// it, with real `traintop worker` processes on a private redis-server.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from 'vitest';

import { loadIris } from '../../source/data/iris.js';
import { shareTable } from '../../source/data/shared-table.js';
import { splitRows } from '../../source/data/split.js';
import type { TrialSpec } from '../../source/plan/trial-spec.js';
import { parseRedisUrl } from '../../source/queue/redis-url.js';
import { LocalRunner } from '../../source/runner/local-runner.js';
import {
  QueueRunner,
  type QueueRunnerOptions,
} from '../../source/runner/queue-runner.js';
import type { RunOutcome } from '../../source/runner/runner.js';
import { EventBus } from '../../source/state/event-bus.js';
import type { EventOf, RunEvent } from '../../source/state/events.js';
import { hasRedisServer, RedisServer } from '../queue/redis-server.js';
import { testPrefix } from '../queue/test-redis.js';
import { WorkerProcess } from '../queue/worker-process.js';

const WORKER_TICK_MS = 200;
const COORDINATOR_TICK_MS = 100;
const WAIT_MS = 30_000;

const iris = loadIris();
const table = shareTable(
  iris,
  splitRows(iris, { kind: 'holdout', testFraction: 0.2 }, 1),
);
const silent = { info() {}, warn() {}, error() {} };

if (!hasRedisServer) {
  console.warn('Skipping the QueueRunner tests: no redis-server on the PATH.');
}

function trial(index: number, trees: number): TrialSpec {
  return {
    id: `t${index}`,
    index,
    params: { trees, maxFeatures: 2, maxDepth: 3, seed: index },
    chunkSize: 10,
  };
}

/** A queued run on its own prefix, with every event it emitted. */
class TestRun {
  readonly events: RunEvent[] = [];
  readonly runner: QueueRunner;
  readonly outcome: Promise<RunOutcome>;

  constructor(
    url: string,
    prefix: string,
    trials: readonly TrialSpec[],
    extra: Partial<QueueRunnerOptions> = {},
  ) {
    const bus = new EventBus();
    bus.subscribe((event) => this.events.push(event));
    this.runner = new QueueRunner({
      bus,
      runId: 'r1',
      job: 'iris random forest',
      trials,
      table,
      retries: 1,
      target: parseRedisUrl(url),
      prefix,
      tickMs: COORDINATOR_TICK_MS,
      logger: silent,
      ...extra,
    });
    this.outcome = this.runner.run();
  }

  eventsOf<K extends RunEvent['kind']>(kind: K): EventOf<K>[] {
    return this.events.filter(
      (event): event is EventOf<K> => event.kind === kind,
    );
  }

  async waitFor<K extends RunEvent['kind']>(
    kind: K,
    matches: (event: EventOf<K>) => boolean = () => true,
  ): Promise<EventOf<K>> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const found = this.eventsOf(kind).find(matches);
      if (found) {
        return found;
      }
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for a ${kind} event`);
      }
      await sleep(20);
    }
  }

  /** Checks that every trial finished exactly once. */
  expectOneResultEach(trials: readonly TrialSpec[]): void {
    const ids = this.eventsOf('trial-finished').map((event) => event.trialId);
    expect(ids.sort()).toEqual(trials.map((spec) => spec.id).sort());
  }
}

describe.skipIf(!hasRedisServer)('QueueRunner', () => {
  let server: RedisServer;
  let folder = '';
  let testNumber = 0;
  let workers: WorkerProcess[] = [];
  let run: TestRun | undefined;

  beforeAll(async () => {
    server = await RedisServer.start();
    folder = mkdtempSync(path.join(tmpdir(), 'traintop-queue-runner-'));
  });

  afterAll(async () => {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  // Each test runs under a prefix of its own.
  beforeEach(() => {
    testNumber += 1;
  });

  afterEach(async () => {
    await run?.runner.stop();
    run = undefined;
    await Promise.all(workers.map((worker) => worker.dispose()));
    workers = [];
  });

  function startRun(
    trials: readonly TrialSpec[],
    extra: Partial<QueueRunnerOptions> = {},
  ) {
    run = new TestRun(server.url, prefixOf(testNumber), trials, extra);

    return run;
  }

  async function startWorker(threads: number, tickMs = WORKER_TICK_MS) {
    const worker = await WorkerProcess.start({
      url: server.url,
      prefix: prefixOf(testNumber),
      threads,
      tickMs,
      logFile: path.join(folder, `worker-${testNumber}-${workers.length}.log`),
    });
    workers.push(worker);

    return worker;
  }

  it('stops progress while paused and finishes after resume', async () => {
    const trials = [trial(1, 3_000), trial(2, 3_000)];
    const run = startRun(trials);
    await startWorker(2);
    await run.waitFor('trial-progress');

    run.runner.pause();
    // Chunks under way when the pause arrives still report.
    await sleep(4 * WORKER_TICK_MS + 500);
    const pausedCount = run.eventsOf('trial-progress').length;
    await sleep(1_500);

    expect(run.runner.isPaused).toBe(true);
    expect(run.eventsOf('trial-progress')).toHaveLength(pausedCount);
    expect(run.eventsOf('host-sampled').at(-1)!.busyThreads).toBe(2);

    run.runner.resume();
    expect(await run.outcome).toBe('completed');
    run.expectOneResultEach(trials);
    expect(run.eventsOf('trial-progress').length).toBeGreaterThan(pausedCount);
  }, 60_000);

  it('prunes at each halving rung as the local runner does', async () => {
    const halving = { eta: 3, rungs: 3 };
    const trials = Array.from({ length: 9 }, (_, index) => ({
      ...trial(index, 90),
      params: {
        trees: 90,
        maxFeatures: 1 + (index % 4),
        maxDepth: 1 + (index % 3),
        seed: index,
      },
    }));
    const run = startRun(trials, { halving });
    await startWorker(2);
    const local = await runLocally(trials, halving);

    expect(await run.outcome).toBe('completed');
    const pruned = (events: readonly RunEvent[]) =>
      events
        .filter((event) => event.kind === 'trial-pruned')
        .map(({ trialId, rung, treesDone, testScore }) => ({
          trialId,
          rung,
          treesDone,
          testScore,
        }))
        .sort((a, b) => a.trialId.localeCompare(b.trialId));
    const finished = (events: readonly RunEvent[]) =>
      events.flatMap((event) =>
        event.kind === 'trial-finished'
          ? [[event.trialId, event.trees, event.testScore]]
          : [],
      );

    // Six pruned at 10 trees, two at 30, and one grows all 90.
    expect(
      pruned(run.events)
        .map((event) => event.treesDone)
        .sort(),
    ).toEqual([10, 10, 10, 10, 10, 10, 30, 30]);
    expect(pruned(run.events)).toEqual(pruned(local));
    expect(finished(run.events)).toEqual(finished(local));
    expect(run.eventsOf('run-started')[0]!.halving).toEqual(halving);
  }, 90_000);

  it('reaches workers at once, not on their next tick', async () => {
    // Long enough that a worker waiting for its tick would fail each step.
    const slowTickMs = 10_000;
    await startWorker(1, slowTickMs);
    // The first tick found no run; the next one is 10 s away.
    await sleep(500);
    const startedAt = Date.now();
    const run = startRun([trial(1, 100_000)]);
    await run.waitFor('trial-progress');
    const servedMs = Date.now() - startedAt;

    run.runner.pause();
    const pausedAt = Date.now();
    await sleep(1_500);
    const progressCount = run.eventsOf('trial-progress').length;
    await sleep(1_000);
    const lastProgress = run.eventsOf('trial-progress').at(-1)!;

    expect(servedMs).toBeLessThan(slowTickMs / 2);
    expect(run.eventsOf('trial-progress')).toHaveLength(progressCount);
    expect(lastProgress.at - pausedAt).toBeLessThan(slowTickMs / 2);
  }, 60_000);

  it("changes a host's thread count", async () => {
    const trials = [1, 2, 3].map((index) => trial(index, 100_000));
    const run = startRun(trials);
    const worker = await startWorker(1);
    await run.waitFor('trial-progress');

    run.runner.resizeHost(worker.workerId, 1);
    run.runner.resizeHost(worker.workerId, 1);
    const grown = await run.waitFor(
      'host-sampled',
      (event) => event.threads === 3 && event.busyThreads === 3,
    );
    expect(run.runner.poolSize).toBe(3);
    const rows = run
      .eventsOf('worker-started')
      .filter((event) => event.hostId === worker.workerId);
    expect(rows.map((event) => event.workerId)).toEqual([1, 2, 3]);

    run.runner.resizeHost(worker.workerId, -2);
    await run.waitFor(
      'host-sampled',
      (event) => event.at > grown.at && event.busyThreads === 1,
    );
    expect(run.eventsOf('trial-preempted')).toHaveLength(2);
    expect(run.eventsOf('pool-resized').at(-1)!.poolSize).toBe(1);
  }, 60_000);

  it('finishes the run after Redis restarts empty', async () => {
    const trials = [1, 2, 3, 4].map((index) => trial(index, 1_500));
    const run = startRun(trials);
    await startWorker(2);
    await run.waitFor('trial-progress', (event) => event.treesDone >= 100);

    await server.restart();

    expect(await run.outcome).toBe('completed');
    run.expectOneResultEach(trials);
  }, 90_000);

  it('stops while Redis is down', async () => {
    const run = startRun([trial(1, 100_000)]);
    await startWorker(1);
    await run.waitFor('trial-progress');

    await server.pause();
    try {
      await run.waitFor('queue-unreachable');
      await run.runner.stop();

      expect(await run.outcome).toBe('stopped');
      expect(run.events.at(-1)).toMatchObject({ kind: 'run-finished' });
    } finally {
      await server.resume();
    }
  }, 60_000);

  it('leaves its workers ready for the next run when it stops', async () => {
    const first = startRun([trial(1, 100_000)]);
    const worker = await startWorker(1);
    await first.waitFor('trial-progress');

    await first.runner.stop();
    expect(await first.outcome).toBe('stopped');
    expect(first.events.at(-1)).toMatchObject({
      kind: 'run-finished',
      reason: 'stopped',
    });

    // The same worker serves the next run under the same prefix.
    const trials = [trial(2, 40)];
    const second = startRun(trials);
    expect(await second.outcome).toBe('completed');
    second.expectOneResultEach(trials);
    expect(second.eventsOf('host-sampled')[0]!.hostId).toBe(worker.workerId);
    expect(worker.hasExited).toBe(false);
  }, 60_000);
});

function prefixOf(testNumber: number): string {
  return testPrefix(`queue-runner-${testNumber}`);
}

/** Runs the trials on local threads and returns every event. */
async function runLocally(
  trials: readonly TrialSpec[],
  halving: { eta: number; rungs: number },
): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  const bus = new EventBus();
  bus.subscribe((event) => events.push(event));
  const runner = new LocalRunner({
    bus,
    runId: 'local',
    job: 'iris random forest',
    data: { kind: 'shared', table },
    trials,
    poolSize: 2,
    maxPoolSize: 2,
    retries: 1,
    logger: silent,
    halving,
  });
  await runner.run();

  return events;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
