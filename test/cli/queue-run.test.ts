// `traintop run --redis` as a user runs it: a coordinator process and two
// `traintop worker` processes, all from the build in dist/, on a private
// redis-server that requires a password.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { EventOf, RunEvent } from '../../source/state/events.js';
import {
  findFreePort,
  hasOpenssl,
  hasRedisServer,
  RedisServer,
} from '../queue/redis-server.js';
import { testPrefix } from '../queue/test-redis.js';
import { WorkerProcess } from '../queue/worker-process.js';

const MAIN = path.resolve('dist/source/cli/main.js');
const PASSWORD = 'Qu3ue-secret-pw';
const WORKER_TICK_MS = 200;
const RUN_TIMEOUT_MS = 90_000;

if (!hasRedisServer) {
  console.warn(
    'Skipping the traintop run --redis tests: no redis-server on the PATH.',
  );
}

/** A coordinator process and what it printed. */
class Coordinator {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;
  private readonly child;

  constructor(args: readonly string[], env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, [MAIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production', ...env },
    });
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.stdout += chunk.toString();
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.exited = once(this.child, 'exit').then(([code]) => code as number);
  }

  /** The events printed so far by a --json run. */
  get events(): RunEvent[] {
    return this.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as RunEvent);
  }

  async waitFor(
    description: string,
    isDone: (events: readonly RunEvent[]) => boolean,
  ): Promise<void> {
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    while (!isDone(this.events)) {
      if (Date.now() > deadline || this.child.exitCode !== null) {
        throw new Error(
          `No ${description}:\n${this.stdout.slice(-2_000)}\n${this.stderr}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  kill(): void {
    if (this.child.exitCode === null) {
      this.child.kill('SIGKILL');
    }
  }
}

function eventsOf<K extends RunEvent['kind']>(
  events: readonly RunEvent[],
  kind: K,
): EventOf<K>[] {
  return events.filter((event): event is EventOf<K> => event.kind === kind);
}

/** Reads the event log of the only run stored under `outDir`. */
function storedRun(outDir: string) {
  const [runId] = readdirSync(outDir);
  const folder = path.join(outDir, runId!);
  const events = readFileSync(path.join(folder, 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as RunEvent);

  return { folder, events };
}

describe.skipIf(!hasRedisServer)('traintop run --redis', () => {
  let server: RedisServer;
  let folder = '';
  let testNumber = 0;
  let workers: WorkerProcess[] = [];
  let coordinators: Coordinator[] = [];

  beforeAll(async () => {
    server = await RedisServer.start({ password: PASSWORD });
    folder = mkdtempSync(path.join(tmpdir(), 'traintop-queue-run-'));
  });

  afterAll(async () => {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  afterEach(async () => {
    for (const coordinator of coordinators) {
      coordinator.kill();
    }
    await Promise.all(workers.map((worker) => worker.dispose()));
    workers = [];
    coordinators = [];
  });

  /** Returns a fresh prefix and run folder for one test. */
  function setUp() {
    testNumber += 1;
    const prefix = testPrefix(`run-${testNumber}`);
    const outDir = path.join(folder, `runs-${testNumber}`);

    return { prefix, outDir };
  }

  async function startWorker(prefix: string, threads: number) {
    const worker = await WorkerProcess.start({
      url: server.url,
      prefix,
      threads,
      tickMs: WORKER_TICK_MS,
      logFile: path.join(folder, `worker-${testNumber}-${workers.length}.log`),
    });
    workers.push(worker);

    return worker;
  }

  /** Starts `traintop ARGS`, such as `run …` or `resume …`. */
  function startCoordinator(
    args: readonly string[],
    env?: Record<string, string>,
  ): Coordinator {
    const coordinator = new Coordinator(args, env);
    coordinators.push(coordinator);

    return coordinator;
  }

  it('trains every trial once on two workers, as local threads do', async () => {
    const { prefix, outDir } = setUp();
    const sweep = ['--trees', '20,50', '--max-depth', '2,3', '--seeds', '2'];
    const first = await startWorker(prefix, 1);
    const second = await startWorker(prefix, 2);

    const queued = startCoordinator([
      ...['run', '--redis', server.url, '--prefix', prefix],
      ...['--out', outDir, '--tick', '100', '--plain', ...sweep],
    ]);
    const code = await queued.exited;
    const { folder: runFolder, events } = storedRun(outDir);
    const localOut = path.join(folder, `local-${testNumber}`);
    const local = startCoordinator([
      ...['run', '--out', localOut, '--plain'],
      ...sweep,
    ]);
    expect(await local.exited).toBe(0);

    expect(code).toBe(0);
    expect(queued.stderr).toBe('');
    expect(queued.stdout).toContain(
      'Trials: 32 finished, 0 failed, 32 in total.',
    );
    const finished = eventsOf(events, 'trial-finished');
    const trialIds = finished.map((event) => event.trialId);
    expect(trialIds).toHaveLength(32);
    expect(new Set(trialIds).size).toBe(32);
    const scoresOf = (list: EventOf<'trial-finished'>[]) =>
      Object.fromEntries(
        list.map((event) => [
          event.trialId,
          [event.trainScore, event.testScore],
        ]),
      );
    const localFinished = eventsOf(
      storedRun(localOut).events,
      'trial-finished',
    );
    expect(scoresOf(finished)).toEqual(scoresOf(localFinished));

    const hostIds = new Set(
      eventsOf(events, 'host-sampled').map((event) => event.hostId),
    );
    expect(hostIds).toEqual(new Set([first.workerId, second.workerId]));
    const started = eventsOf(events, 'run-started')[0]!;
    expect(started.queue).toEqual({
      redis: `redis://:***@127.0.0.1:${server.port}/0`,
      prefix,
    });

    // The password appears in no output, log or stored file.
    const files = [
      ...readdirSync(runFolder).map((name) => path.join(runFolder, name)),
      ...workers.map((worker) => worker.logFile),
    ];
    for (const text of [
      queued.stdout,
      ...workers.map((worker) => worker.stdout + worker.stderr),
      ...files.map((file) => readFileSync(file, 'latin1')),
    ]) {
      expect(text).not.toContain(PASSWORD);
    }
  }, 120_000);

  it('trains the trial of a worker killed with SIGKILL again', async () => {
    const { prefix, outDir } = setUp();
    const victim = await startWorker(prefix, 1);
    const coordinator = startCoordinator([
      ...['run', '--redis', server.url, '--prefix', prefix, '--out', outDir],
      ...['--json', '--tick', '100', '--seeds', '1', '--max-depth', '3'],
      ...['--trees', '1500', '--max-features', '1,2,3'],
    ]);
    await coordinator.waitFor('progress of the first worker', (events) =>
      eventsOf(events, 'trial-progress').some(
        (event) => event.treesDone >= 100,
      ),
    );
    const survivor = await startWorker(prefix, 2);
    await coordinator.waitFor('a heartbeat of the second worker', (events) =>
      eventsOf(events, 'host-sampled').some(
        (event) => event.hostId === survivor.workerId,
      ),
    );

    victim.kill('SIGKILL');
    const code = await coordinator.exited;
    const events = coordinator.events;

    expect(code).toBe(0);
    const finished = eventsOf(events, 'trial-finished');
    expect(finished.map((event) => event.trialId).sort()).toEqual([
      't1',
      't2',
      't3',
    ]);
    const lost = eventsOf(events, 'host-lost');
    expect(lost.map((event) => event.hostId)).toEqual([victim.workerId]);
    // The killed worker's trial started again on the other worker.
    const victimThreads = new Set(
      eventsOf(events, 'worker-started')
        .filter((event) => event.hostId === victim.workerId)
        .map((event) => event.workerId),
    );
    const killedTrial = eventsOf(events, 'trial-started').find((event) =>
      victimThreads.has(event.workerId),
    )!;
    const restarts = eventsOf(events, 'trial-started').filter(
      (event) =>
        event.trialId === killedTrial.trialId &&
        !victimThreads.has(event.workerId),
    );
    expect(restarts.length).toBeGreaterThan(0);
    expect(storedRun(outDir).events.at(-1)).toMatchObject({
      kind: 'run-finished',
      reason: 'completed',
    });
  }, 120_000);

  it.each([
    ['on the same workers', true],
    ['on local threads', false],
  ])(
    'resumes a killed coordinator %s',
    async (_where, onQueue) => {
      const { prefix, outDir } = setUp();
      await startWorker(prefix, 2);
      const queue = [
        '--redis',
        server.url,
        '--prefix',
        prefix,
        '--out',
        outDir,
      ];
      const first = startCoordinator([
        ...['run', ...queue, '--json', '--tick', '100'],
        ...['--trees', '600', '--max-depth', '2,3', '--seeds', '2'],
      ]);
      await first.waitFor(
        'three finished trials',
        (events) => eventsOf(events, 'trial-finished').length >= 3,
      );
      first.kill();
      await first.exited;
      const { folder: runFolder } = storedRun(outDir);

      const resumed = startCoordinator([
        ...['resume', path.basename(runFolder), '--plain'],
        ...(onQueue ? queue : ['--out', outDir]),
      ]);
      const code = await resumed.exited;
      const { events } = storedRun(outDir);

      expect(code).toBe(0);
      expect(resumed.stderr).toBe('');
      const finished = eventsOf(events, 'trial-finished');
      expect(new Set(finished.map((event) => event.trialId)).size).toBe(16);
      expect(finished).toHaveLength(16);
      expect(events.at(-1)).toMatchObject({
        kind: 'run-finished',
        reason: 'completed',
      });
    },
    120_000,
  );

  it.skipIf(!hasOpenssl)(
    'runs over TLS with a private CA',
    async () => {
      const tlsServer = await RedisServer.start({
        password: PASSWORD,
        tls: true,
      });
      try {
        const { prefix, outDir } = setUp();
        // The password comes from the environment, out of sight of `ps`.
        const env = {
          NODE_EXTRA_CA_CERTS: tlsServer.certificateFile,
          TRAINTOP_REDIS_PASSWORD: PASSWORD,
        };
        const url = `rediss://127.0.0.1:${tlsServer.port}/0`;
        const worker = await WorkerProcess.start({
          url,
          prefix,
          threads: 2,
          tickMs: WORKER_TICK_MS,
          logFile: path.join(folder, `worker-${testNumber}-tls.log`),
          env,
        });
        workers.push(worker);
        const coordinator = startCoordinator(
          [
            ...['run', '--redis', url, '--prefix', prefix],
            ...['--out', outDir, '--plain', '--trees', '20', '--seeds', '1'],
          ],
          env,
        );

        expect(await coordinator.exited).toBe(0);
        expect(coordinator.stdout).toContain('Trials: 16 finished, 0 failed');
        expect(worker.stdout).toContain(`rediss://:***@127.0.0.1:`);
      } finally {
        await tlsServer.stop();
      }
    },
    120_000,
  );

  it('exits 2 with one line and stores nothing when Redis is unreachable', async () => {
    const { outDir } = setUp();
    const port = await findFreePort();
    const coordinator = startCoordinator([
      ...['run', '--redis', `redis://bob:${PASSWORD}@127.0.0.1:${port}/3`],
      ...['--out', outDir, '--plain'],
    ]);

    expect(await coordinator.exited).toBe(2);
    expect(coordinator.stdout).toBe('');
    expect(coordinator.stderr).toBe(
      `error: Cannot reach Redis at redis://bob:***@127.0.0.1:${port}/3 ` +
        '(ECONNREFUSED): start Redis there or pass --redis with its URL.\n',
    );
    expect(existsSync(outDir)).toBe(false);
  });
});
