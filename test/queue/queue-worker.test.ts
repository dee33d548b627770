import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { loadIris } from '../../source/data/iris.js';
import { shareTable } from '../../source/data/shared-table.js';
import { splitRows } from '../../source/data/split.js';
import type { TrialSpec } from '../../source/plan/trial-spec.js';
import type { MessageOf } from '../../source/queue/protocol.js';
import { TrialForests } from '../../source/train/trial-forests.js';
import { trialData } from '../train/fold-data.js';
import { findFreePort, hasRedisServer } from './redis-server.js';
import { TestCoordinator } from './test-coordinator.js';
import {
  hasTestRedis,
  noRedisReason,
  startTestRedis,
  testPrefix,
  type TestRedis,
} from './test-redis.js';
import { WorkerProcess } from './worker-process.js';

const TICK_MS = 200;
const CHUNK_SIZE = 10;
const WAIT_MS = 30_000;
/** Maximum time for a killed worker's trial to start elsewhere, in ms. */
const MAX_RECOVERY_MS = 12_000;
/** pino's number for the info level. */
const INFO_LEVEL = 30;
/** The worker's log message for a trial whose job was deleted. */
const DROPPED_MESSAGE = 'trial dropped: its job no longer exists';

const iris = loadIris();
const evaluation = { kind: 'holdout', testFraction: 0.2 } as const;
const table = shareTable(iris, splitRows(iris, evaluation, 1));

if (noRedisReason !== null) {
  console.warn(`Skipping the traintop worker tests: ${noRedisReason}.`);
}

function trial(id: string, trees: number, seed = 1): TrialSpec {
  return {
    id,
    index: Number(id.slice(1)),
    params: { trees, maxFeatures: 2, maxDepth: 3, seed },
    chunkSize: CHUNK_SIZE,
  };
}

/** Trains a trial on this thread, as a local run would. */
function trainLocally(spec: TrialSpec) {
  const forests = new TrialForests(trialData(iris, evaluation), spec.params);
  while (!forests.isComplete) {
    forests.growChunk(spec.chunkSize);
  }

  return forests.evaluate();
}

describe.skipIf(!hasTestRedis)('traintop worker', () => {
  let redis: TestRedis;
  let coordinators: TestCoordinator[] = [];
  let workers: WorkerProcess[] = [];
  /** Key prefix of the current test's runs. */
  let prefix = '';
  let testNumber = 0;
  let workerNumber = 0;
  let logFolder = '';

  beforeAll(async () => {
    redis = await startTestRedis();
    logFolder = mkdtempSync(path.join(tmpdir(), 'traintop-worker-'));
  });

  afterAll(async () => {
    await redis.stop();
    rmSync(logFolder, { recursive: true, force: true });
  });

  afterEach(async () => {
    await Promise.all(workers.map((worker) => worker.dispose()));
    workers = [];
    for (const coordinator of coordinators) {
      await coordinator.close();
    }
    coordinators = [];
  });

  /** Starts a coordinator for run r1 under a prefix of this test's own. */
  async function startRun(): Promise<TestCoordinator> {
    testNumber += 1;
    prefix = testPrefix(`worker-${testNumber}`);

    return startNextRun('r1');
  }

  /** Starts a coordinator for another run under this test's prefix. */
  async function startNextRun(runId: string): Promise<TestCoordinator> {
    const coordinator = await TestCoordinator.start({
      url: redis.url,
      prefix,
      runId,
      table,
    });
    coordinators.push(coordinator);

    return coordinator;
  }

  async function startWorker(threads: number): Promise<WorkerProcess> {
    workerNumber += 1;
    const worker = await WorkerProcess.start({
      url: redis.url,
      prefix,
      threads,
      tickMs: TICK_MS,
      logFile: path.join(logFolder, `worker-${workerNumber}.log`),
    });
    workers.push(worker);

    return worker;
  }

  /** Describes a trial's job and the workers' logs, for a failed wait. */
  async function describeRun(run: TestCoordinator, trialId: string) {
    const job = await run.queue.getJob(trialId);
    const state = job === undefined ? 'missing' : await job.getState();
    const logs = workers.map(
      (worker) =>
        `log of ${worker.workerId}:\n${readFileSync(worker.logFile, 'utf8')}`,
    );

    return [`job ${trialId}: ${state}`, ...logs].join('\n');
  }

  it('finishes every trial once with local scores', async () => {
    const run = await startRun();
    const specs = [trial('t1', 40), trial('t2', 60, 2), trial('t3', 30, 3)];
    await startWorker(2);
    await run.addTrials(specs);

    await run.waitFor(
      'three finished trials',
      () => run.messagesOf('trial-finished').length >= specs.length,
      WAIT_MS,
    );

    for (const spec of specs) {
      const finished = run.messagesOf('trial-finished', spec.id);
      const local = trainLocally(spec);
      expect(finished).toHaveLength(1);
      expect(finished[0]!.trees).toBe(spec.params.trees);
      expect(finished[0]!.testScore).toBe(local.scores.testScore);
      expect(finished[0]!.trainScore).toBe(local.scores.trainScore);
      expect(finished[0]!.oobScore).toBe(local.scores.oobScore);
      expect(finished[0]!.foldTestScores).toEqual(local.foldTestScores);
      expect(finished[0]!.metrics).toEqual(local.metrics);
    }
    const progress = run.messagesOf('trial-progress', 't2');
    expect(progress.map((message) => message.treesDone)).toEqual([
      10, 20, 30, 40, 50, 60,
    ]);
  });

  it('retrains the trial of a killed worker', async () => {
    const run = await startRun();
    const long = trial('t1', 1_000);
    const first = await startWorker(1);
    await run.addTrials([long]);
    await run.waitForMessage(
      'trial-progress',
      (message) => message.treesDone >= 30,
      WAIT_MS,
    );
    const second = await startWorker(2);
    await run.addTrials([trial('t2', 40, 2), trial('t3', 40, 3)]);

    first.kill('SIGKILL');
    const killedAt = Date.now();
    const restarted = await run
      .waitForMessage(
        'trial-started',
        (message) =>
          message.trialId === 't1' && message.workerId !== first.workerId,
        MAX_RECOVERY_MS + 5_000,
      )
      .catch(async (error: Error) => {
        throw new Error(`${error.message}\n${await describeRun(run, 't1')}`);
      });
    const recoveryMs = restarted.at - killedAt;
    await run.waitForCompleted(3, WAIT_MS);
    const completed = await run.queue.getCompleted();

    expect(restarted.workerId).toBe(second.workerId);
    expect(restarted.treesDone).toBe(0);
    expect(recoveryMs).toBeLessThan(MAX_RECOVERY_MS);
    expect(completed.map((job) => job.id).sort()).toEqual(['t1', 't2', 't3']);
    for (const id of ['t1', 't2', 't3']) {
      expect(run.messagesOf('trial-finished', id)).toHaveLength(1);
    }
    const finished = run.messagesOf('trial-finished', 't1')[0]!;
    expect(finished.workerId).toBe(second.workerId);
    expect(finished.testScore).toBe(trainLocally(long).scores.testScore);
  }, 90_000);

  it('stops progress while paused', async () => {
    const run = await startRun();
    const worker = await startWorker(1);
    await run.addTrials([trial('t1', 100_000)]);
    await run.waitForMessage('trial-progress', () => true, WAIT_MS);

    await run.setControl({ paused: true, threads: {} });
    // A chunk under way when the pause arrives still reports.
    await sleep(4 * TICK_MS + 500);
    const pausedCount = run.messagesOf('trial-progress').length;
    const heartbeats = run.messagesOf('host-sampled').length;
    await sleep(1_500);

    expect(run.messagesOf('trial-progress')).toHaveLength(pausedCount);
    expect(run.messagesOf('host-sampled').length).toBeGreaterThan(heartbeats);
    expect(run.messagesOf('host-sampled').at(-1)!.busyThreads).toBe(1);

    await run.setControl({ paused: false, threads: {} });
    await run.waitFor(
      'progress after resume',
      () => run.messagesOf('trial-progress').length > pausedCount,
      WAIT_MS,
    );
    expect(worker.stderr).toBe('');
  }, 60_000);

  it('applies a thread count for its worker id', async () => {
    const run = await startRun();
    const worker = await startWorker(1);
    await run.addTrials([
      trial('t1', 100_000),
      trial('t2', 100_000, 2),
      trial('t3', 100_000, 3),
    ]);
    await run.waitForMessage('trial-progress', () => true, WAIT_MS);

    await run.setControl({ paused: false, threads: { [worker.workerId]: 3 } });
    const grown = await run.waitForMessage(
      'host-sampled',
      (message) => message.busyThreads === 3,
      WAIT_MS,
    );
    expect(grown.threads).toBe(3);
    expect(grown.tickMs).toBe(TICK_MS);
    expect(grown.slots.map((reading) => reading.slot)).toEqual([1, 2, 3]);
    expect(grown.slots.map((reading) => reading.trialId).sort()).toEqual([
      't1',
      't2',
      't3',
    ]);
    // A trial's first reading is null, and t2 and t3 start on threads that
    // piscina may still have to spawn, so numbers come two ticks later.
    await run.waitFor(
      'three heartbeats at three threads',
      () => heartbeatsAfter(run, grown).length >= 3,
      WAIT_MS,
    );
    const measured = heartbeatsAfter(run, grown)[2]!;
    expect(measured.slots).toHaveLength(3);
    if (process.platform === 'linux') {
      for (const reading of measured.slots) {
        expect(reading.cpuPercent).toBeGreaterThan(0);
      }
    }
    // Trials preempted before their first chunk would have no checkpoint.
    await run.waitFor(
      'progress of every trial',
      () =>
        ['t2', 't3'].every(
          (id) => run.messagesOf('trial-progress', id).length > 0,
        ),
      WAIT_MS,
    );

    await run.setControl({ paused: false, threads: { [worker.workerId]: 1 } });
    const shrunk = await run.waitForMessage(
      'host-sampled',
      (message) => message.at > grown.at && message.threads === 1,
      WAIT_MS,
    );
    await run.waitFor(
      'two preempted trials',
      () => run.messagesOf('trial-preempted').length >= 2,
      WAIT_MS,
    );

    expect(shrunk.workerId).toBe(worker.workerId);
    for (const preempted of run.messagesOf('trial-preempted')) {
      const job = await run.queue.getJob(preempted.trialId);
      expect(preempted.treesDone).toBeGreaterThan(0);
      expect(job!.data.checkpoint?.treesDone).toBe(preempted.treesDone);
    }
  }, 60_000);

  it('hands the trial back on SIGTERM', async () => {
    const run = await startRun();
    const spec = trial('t1', 600);
    const first = await startWorker(1);
    await run.addTrials([spec]);
    await run.waitForMessage(
      'trial-progress',
      (message) => message.treesDone >= 30,
      WAIT_MS,
    );

    first.kill('SIGTERM');
    const exit = await first.exited();
    const preempted = run.messagesOf('trial-preempted', 't1');
    const job = await run.queue.getJob('t1');

    expect(exit).toEqual({ code: 0, signal: null });
    expect(first.stderr).toBe('');
    expect(preempted).toHaveLength(1);
    expect(preempted[0]!.treesDone).toBeGreaterThan(0);
    expect(await job!.getState()).toBe('waiting');
    expect(job!.data.checkpoint?.treesDone).toBe(preempted[0]!.treesDone);

    await startWorker(1);
    const finished = await run.waitForMessage(
      'trial-finished',
      () => true,
      WAIT_MS,
    );
    const started = run.messagesOf('trial-started', 't1');
    expect(started).toHaveLength(2);
    expect(started[1]!.treesDone).toBe(preempted[0]!.treesDone);
    expect(finished.testScore).toBe(trainLocally(spec).scores.testScore);
  }, 60_000);

  // Training stops only after the run was stale for RUN_STALE_MS, so the
  // trial is far longer than the others.
  it('hands trials back when the run goes stale', async () => {
    const run = await startRun();
    const worker = await startWorker(1);
    await run.addTrials([trial('t1', 100_000)]);
    await run.waitForMessage(
      'trial-progress',
      (message) => message.treesDone >= 30,
      WAIT_MS,
    );

    await run.unregister();
    const preempted = await run
      .waitForMessage('trial-preempted', () => true, WAIT_MS)
      .catch(async (error: Error) => {
        throw new Error(`${error.message}\n${await describeRun(run, 't1')}`);
      });
    const log = await waitForLogLine(worker.logFile, 'stopped serving run');
    const job = await run.queue.getJob('t1');

    expect(preempted.treesDone).toBeGreaterThan(0);
    expect(job!.data.checkpoint?.treesDone).toBe(preempted.treesDone);
    expect(await job!.getState()).toBe('waiting');
    expect(worker.hasExited).toBe(false);
    expect(log).not.toContain('"level":50');
  }, 60_000);

  // A coordinator that quits deletes the run's queue and keys at once, but
  // workers stop serving the run only RUN_STALE_MS later, so meanwhile they
  // hold jobs that are gone.
  it('drops trials whose run was deleted', async () => {
    const run = await startRun();
    const worker = await startWorker(1);
    await run.addTrials([trial('t1', 100_000)]);
    await run.waitForMessage(
      'trial-progress',
      (message) => message.treesDone >= 30,
      WAIT_MS,
    );

    await run.quit();
    const log = await waitForLogLine(worker.logFile, 'stopped serving run');
    const dropped = logLines(log).filter(
      (line) => line.msg === DROPPED_MESSAGE,
    );

    expect(dropped).toHaveLength(1);
    expect(dropped[0]!.level).toBe(INFO_LEVEL);
    expect(dropped[0]!.trialId).toBe('t1');
    expect(log).not.toContain('"level":40');
    expect(log).not.toContain('"level":50');
    expect(worker.hasExited).toBe(false);
    expect(worker.stderr).toBe('');

    const next = await startNextRun('r2');
    await next.addTrials([trial('t1', 40)]);
    const finished = await next.waitForMessage(
      'trial-finished',
      () => true,
      WAIT_MS,
    );

    expect(finished.workerId).toBe(worker.workerId);
    expect(finished.trees).toBe(40);
    expect(readFileSync(worker.logFile, 'utf8')).not.toContain('"level":50');
    expect(worker.hasExited).toBe(false);
    expect(worker.stderr).toBe('');
  }, 60_000);

  // The stop preempts the trial before its lost lock is noticed, so the
  // worker finds the job gone when it writes the checkpoint.
  it('stops cleanly after its run was deleted', async () => {
    const run = await startRun();
    const worker = await startWorker(1);
    await run.addTrials([trial('t1', 100_000)]);
    await run.waitForMessage(
      'trial-progress',
      (message) => message.treesDone >= 30,
      WAIT_MS,
    );

    await run.quit();
    worker.kill('SIGTERM');
    const exit = await worker.exited();
    const log = readFileSync(worker.logFile, 'utf8');
    const dropped = logLines(log).filter(
      (line) => line.msg === DROPPED_MESSAGE,
    );

    expect(exit).toEqual({ code: 0, signal: null });
    expect(worker.stderr).toBe('');
    expect(dropped).toHaveLength(1);
    expect(dropped[0]!.level).toBe(INFO_LEVEL);
    expect(log).not.toContain('"level":40');
    expect(log).not.toContain('"level":50');
    expect(run.messagesOf('trial-preempted')).toEqual([]);
  });

  it.skipIf(!hasRedisServer)(
    'exits on SIGTERM while Redis is down',
    async () => {
      const run = await startRun();
      const worker = await startWorker(1);
      await run.addTrials([trial('t1', 100_000)]);
      await run.waitForMessage('trial-progress', () => true, WAIT_MS);

      await redis.server!.pause();
      try {
        worker.kill('SIGTERM');
        const exit = await worker.exited();

        expect(exit).toEqual({ code: 0, signal: null });
        expect(worker.stderr).toBe('');
      } finally {
        await redis.server!.resume();
      }
    },
    60_000,
  );

  it.skipIf(!hasRedisServer)(
    'keeps running when Redis restarts',
    async () => {
      const run = await startRun();
      const worker = await startWorker(1);
      await run.addTrials([trial('t1', 100_000)]);
      await run.waitForMessage('trial-progress', () => true, WAIT_MS);

      await redis.server!.restart();
      const restartedAt = Date.now();
      const heartbeat = await run.waitForMessage(
        'host-sampled',
        (message) => message.at > restartedAt,
        WAIT_MS,
      );
      // The restarted server kept no data, so the trial's job is gone, and
      // the worker drops the trial when it fails to renew the job's lock.
      const log = await waitForLogLine(worker.logFile, DROPPED_MESSAGE);

      expect(heartbeat.workerId).toBe(worker.workerId);
      expect(worker.hasExited).toBe(false);
      expect(worker.stderr).toBe('');
      expect(worker.stdout.trim().split('\n')).toHaveLength(1);
      expect(log).toContain('"msg":"Redis connection lost; reconnecting"');
      expect(log).toContain('"msg":"reconnected to Redis"');
    },
    60_000,
  );
});

describe('traintop worker without Redis', () => {
  it('exits 2 with one line and no password', async () => {
    const port = await findFreePort();
    const folder = mkdtempSync(path.join(tmpdir(), 'traintop-worker-'));
    const logFile = path.join(folder, 'worker.log');
    const result = await WorkerProcess.run([
      ...['--redis', `redis://bob:secret-Pa55@127.0.0.1:${port}/0`],
      ...['--log', logFile],
    ]);
    const hasLogFile = existsSync(logFile);
    rmSync(folder, { recursive: true, force: true });

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `error: Cannot reach Redis at redis://bob:***@127.0.0.1:${port}/0 ` +
        '(ECONNREFUSED): start Redis there or pass --redis with its URL.\n',
    );
    expect(hasLogFile).toBe(false);
  });

  it('rejects a missing --redis', async () => {
    const result = await WorkerProcess.run(['--threads', '2']);

    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: Missing --redis: usage: traintop worker --redis URL ' +
        '[--threads N] [--prefix P] [--tick MS] [--log FILE].\n',
    );
  });
});

/** Returns the heartbeats that a worker sent after `heartbeat`. */
function heartbeatsAfter(
  run: TestCoordinator,
  heartbeat: MessageOf<'host-sampled'>,
) {
  return run
    .messagesOf('host-sampled')
    .filter(
      (message) =>
        message.workerId === heartbeat.workerId && message.at > heartbeat.at,
    );
}

/** Waits for a log line with message `message`, and returns the log. */
async function waitForLogLine(file: string, message: string) {
  const deadline = Date.now() + WAIT_MS;
  let log = readFileSync(file, 'utf8');
  while (!log.includes(`"msg":"${message}"`)) {
    if (Date.now() > deadline) {
      throw new Error(`No "${message}" line in ${file}:\n${log}`);
    }
    await sleep(50);
    log = readFileSync(file, 'utf8');
  }

  return log;
}

type LogLine = {
  readonly level: number;
  readonly msg: string;
  readonly trialId?: string;
};

/** Parses the lines of a pino log file. */
function logLines(log: string): LogLine[] {
  return log
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as LogLine);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
