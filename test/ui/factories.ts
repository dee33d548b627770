import type { TrialParams, TrialSpec } from '../../source/plan/trial-spec.js';
import type {
  DataSource,
  RunEvent,
  SystemReading,
  TrialMetrics,
} from '../../source/state/events.js';
import { reduceRunEvents } from '../../source/state/reducer.js';
import {
  createRunState,
  createTrialState,
  createWorkerState,
  type HostState,
  type RunState,
  type TrialState,
  type WorkerState,
} from '../../source/state/run-state.js';

/** Start of every test run: 2024-01-01T00:00:00Z, in ms since the epoch. */
export const RUN_START_MS = Date.UTC(2024, 0, 1);

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

export function createTestSpec(
  overrides: Partial<Omit<TrialSpec, 'params'>> & {
    readonly params?: Partial<TrialParams>;
  } = {},
): TrialSpec {
  const index = overrides.index ?? 7;

  return {
    id: overrides.id ?? `t${String(index).padStart(2, '0')}`,
    index,
    chunkSize: overrides.chunkSize ?? 20,
    params: {
      trees: 200,
      maxFeatures: 2,
      maxDepth: 3,
      seed: 1,
      ...overrides.params,
    },
  };
}

export function createTestTrial(
  overrides: Partial<TrialState> = {},
): TrialState {
  return { ...createTrialState(createTestSpec()), ...overrides };
}

export function createTestWorker(
  overrides: Partial<WorkerState> = {},
): WorkerState {
  return { ...createWorkerState(overrides.id ?? 3), ...overrides };
}

/** Returns a live worker process on `gpu-box` with 3 of 4 threads busy. */
export function createTestHost(overrides: Partial<HostState> = {}): HostState {
  return {
    id: 'gpu-box-4312',
    host: 'gpu-box',
    threads: 4,
    busyThreads: 3,
    cpuPercent: 42,
    memUsedBytes: 9.3 * GIB,
    memTotalBytes: 16 * GIB,
    sampledAt: RUN_START_MS,
    isLost: false,
    ...overrides,
  };
}

export function createTestSystem(
  overrides: Partial<SystemReading> = {},
): SystemReading {
  return {
    cpuPercent: 42,
    corePercents: [10, 95, 40, 75],
    memUsedBytes: 9.3 * GIB,
    memTotalBytes: 16 * GIB,
    rssBytes: 120 * MIB,
    heapUsedBytes: 40 * MIB,
    heapTotalBytes: 60 * MIB,
    ...overrides,
  };
}

/** Returns iris classification scored on a 20% hold-out split. */
export function createTestData(
  overrides: Partial<DataSource> = {},
): DataSource {
  return {
    dataset: 'iris',
    name: 'iris',
    task: 'classification',
    featureNames: [
      'sepal length',
      'sepal width',
      'petal length',
      'petal width',
    ],
    classNames: ['setosa', 'versicolor', 'virginica'],
    rowCount: 150,
    evaluation: { kind: 'holdout', testFraction: 0.2 },
    splitSeed: 1,
    ...overrides,
  };
}

/** Returns a regression CSV scored by 5-fold cross-validation. */
export function createRegressionData(
  overrides: Partial<DataSource> = {},
): DataSource {
  return createTestData({
    dataset: 'csv',
    name: 'housing.csv',
    task: 'regression',
    featureNames: ['rooms', 'age', 'distance'],
    classNames: [],
    rowCount: 506,
    evaluation: { kind: 'cv', folds: 5 },
    ...overrides,
  });
}

/**
 * Returns fold scores whose mean is `testScore`, 0.01 apart, or the one
 * score of a hold-out split.
 */
export function createFoldScores(
  testScore: number,
  data: DataSource | null,
): number[] {
  if (data?.evaluation.kind !== 'cv') {
    return [testScore];
  }

  const folds = data.evaluation.folds;

  return Array.from(
    { length: folds },
    (_, fold) => testScore + (fold - (folds - 1) / 2) / 100,
  );
}

/**
 * Returns measures that fit a test score. Classification gets a macro F1
 * just below it and a confusion matrix of 10 test rows a class, whose errors
 * go to the next class. Regression gets an RMSE that grows as R² falls.
 */
export function createTestMetrics(
  testScore: number,
  data: DataSource,
): TrialMetrics {
  if (data.task === 'regression') {
    return {
      task: 'regression',
      trainRmse: 1.25,
      testRmse: Math.max(0, (1 - testScore) * 10),
    };
  }

  const classCount = data.classNames.length;
  const errors = Math.round((1 - testScore) * 10);
  const confusion = Array.from({ length: classCount }, (_, actual) =>
    Array.from({ length: classCount }, (_, predicted) => {
      if (predicted === actual) {
        return 10 - errors;
      }

      return predicted === (actual + 1) % classCount ? errors : 0;
    }),
  );

  return { task: 'classification', macroF1: testScore - 0.005, confusion };
}

export function createTestRunState(
  overrides: Partial<RunState> = {},
): RunState {
  return {
    ...createRunState(),
    runId: 'run-1',
    job: 'iris-rf',
    startedAt: RUN_START_MS,
    now: RUN_START_MS,
    poolSize: 4,
    maxPoolSize: 8,
    ...overrides,
  };
}

export type SweepOptions = {
  readonly trialCount: number;
  readonly workerCount: number;
  /** Trials run to the end before the running ones start. */
  readonly finishedCount: number;
  /** Trials that fail for good after the finished ones. Default 0. */
  readonly failedCount?: number;
  /** Per-core load of the one system sample. No sample when omitted. */
  readonly corePercents?: readonly number[];
  /**
   * The data the run trains on. When given, finished trials carry fold
   * scores and measures that fit it. When omitted, the events look like a
   * log written before runs recorded their data.
   */
  readonly data?: DataSource;
  /** Test score of the finished trial at `index`. Default 0.90 to 0.96. */
  readonly testScoreOf?: (index: number) => number;
};

/**
 * Builds the events of a sweep caught mid-run: some trials finished, one
 * running trial per worker, half its trees grown, and the rest queued.
 */
export function createSweepEvents(options: SweepOptions): RunEvent[] {
  const specs = Array.from({ length: options.trialCount }, (_, index) =>
    createTestSpec({
      index,
      params: {
        trees: 100 + (index % 3) * 50,
        maxFeatures: 1 + (index % 4),
        maxDepth: 2 + (index % 5),
        seed: index,
      },
    }),
  );
  const clock = createClock();
  const events: RunEvent[] = [
    {
      kind: 'run-started',
      at: clock(),
      runId: 'run-1',
      job: 'iris-rf',
      trials: specs,
      poolSize: options.workerCount,
      maxPoolSize: Math.max(8, options.workerCount),
      ...(options.data === undefined ? {} : { data: options.data }),
    },
  ];

  for (let workerId = 1; workerId <= options.workerCount; workerId += 1) {
    events.push({ kind: 'worker-started', at: clock(), workerId });
  }

  const finished = specs.slice(0, options.finishedCount);
  const testScoreOf =
    options.testScoreOf ?? ((index: number) => 0.9 + (index % 7) / 100);
  for (const [index, spec] of finished.entries()) {
    const testScore = testScoreOf(index);
    events.push(
      ...trialEvents(spec, 1, clock, testScore, options.data ?? null),
    );
  }

  const failedCount = options.failedCount ?? 0;
  const failed = specs.slice(finished.length, finished.length + failedCount);
  for (const spec of failed) {
    events.push(startOf(spec, 1, clock), {
      kind: 'trial-failed',
      at: clock(),
      trialId: spec.id,
      workerId: 1,
      attempt: 1,
      error: `Failed to train ${spec.id}: out of memory`,
      willRetry: false,
    });
  }

  const running = specs.slice(finished.length + failed.length);
  for (let workerId = 1; workerId <= options.workerCount; workerId += 1) {
    const spec = running[workerId - 1];
    if (spec) {
      events.push(...runningEvents(spec, workerId, clock));
    }
  }

  if (options.corePercents) {
    events.push({
      kind: 'system-sampled',
      at: clock(),
      ...createTestSystem({ corePercents: options.corePercents }),
    });
  }

  events.push({
    kind: 'threads-sampled',
    at: clock(),
    threads: Array.from({ length: options.workerCount }, (_, index) => ({
      workerId: index + 1,
      cpuPercent: 90 + index,
    })),
  });

  return events;
}

/** A worker process of a queued test run and the threads it owns. */
export type TestHost = {
  readonly hostId: string;
  readonly host: string;
  readonly threads: number;
};

/**
 * Builds the events of a queued sweep caught mid-run: the sweep of
 * `createSweepEvents`, then one heartbeat per host with every thread busy,
 * and the pool over all hosts. Threads go to the hosts in order, so the
 * first host owns the first `threads` threads. `workerCount` should equal
 * the hosts' threads added up.
 */
export function createQueuedSweepEvents(
  options: SweepOptions,
  hosts: readonly TestHost[],
): RunEvent[] {
  const owners = hosts.flatMap((host) =>
    new Array<string>(host.threads).fill(host.hostId),
  );
  const events = createSweepEvents(options).map((event) =>
    event.kind === 'worker-started'
      ? { ...event, hostId: owners[event.workerId - 1] }
      : event,
  );
  const at = (events.at(-1)?.at ?? RUN_START_MS) + 1000;
  const heartbeats = hosts.map((host, index): RunEvent => ({
    kind: 'host-sampled',
    at,
    hostId: host.hostId,
    host: host.host,
    threads: host.threads,
    busyThreads: host.threads,
    cpuPercent: 60 + 20 * index,
    memUsedBytes: (4 + 4 * index) * GIB,
    memTotalBytes: 16 * GIB,
  }));

  return [
    ...events,
    ...heartbeats,
    { kind: 'pool-resized', at, poolSize: owners.length },
  ];
}

/** Folds the events of `createQueuedSweepEvents` through the reducer. */
export function createQueuedSweepState(
  options: SweepOptions,
  hosts: readonly TestHost[],
): RunState {
  return reduceRunEvents(
    createRunState(),
    createQueuedSweepEvents(options, hosts),
  );
}

/** Folds the events of `createSweepEvents` through the real reducer. */
export function createSweepState(options: SweepOptions): RunState {
  return reduceRunEvents(createRunState(), createSweepEvents(options));
}

function createClock(): () => number {
  let now = RUN_START_MS;

  return () => {
    now += 1000;

    return now;
  };
}

function startOf(spec: TrialSpec, workerId: number, clock: () => number) {
  return {
    kind: 'trial-started',
    at: clock(),
    trialId: spec.id,
    workerId,
    attempt: 1,
    treesDone: 0,
  } as const;
}

function trialEvents(
  spec: TrialSpec,
  workerId: number,
  clock: () => number,
  testScore: number,
  data: DataSource | null,
): RunEvent[] {
  const trees = spec.params.trees;
  const metrics =
    data === null ? {} : { metrics: createTestMetrics(testScore, data) };
  // Runs with data also draw each finished trial's curve: its test score
  // climbs by 0.1 to the final one. Older logs keep no progress here.
  const progress = data === null ? [] : climbingEvents(spec, clock, testScore);

  return [
    startOf(spec, workerId, clock),
    ...progress,
    {
      kind: 'trial-finished',
      at: clock(),
      trialId: spec.id,
      workerId,
      trees,
      elapsedMs: 1000 + trees * 10,
      trainScore: 0.99,
      testScore,
      foldTestScores: createFoldScores(testScore, data),
      oobScore: spec.index % 2 === 0 ? 0.95 : null,
      ...metrics,
    },
  ];
}

function climbingEvents(
  spec: TrialSpec,
  clock: () => number,
  testScore: number,
): RunEvent[] {
  const trees = spec.params.trees;
  const events: RunEvent[] = [];
  // The last chunk may be short, so the curve ends at the full forest.
  const chunks = Math.ceil(trees / spec.chunkSize);
  for (let chunk = 1; chunk <= chunks; chunk += 1) {
    const done = Math.min(chunk * spec.chunkSize, trees);
    events.push({
      kind: 'trial-progress',
      at: clock(),
      trialId: spec.id,
      workerId: 1,
      treesDone: done,
      elapsedMs: done * 10,
      trainScore: 0.99,
      testScore: testScore - 0.1 * (1 - done / trees),
      oobScore: null,
    });
  }

  return events;
}

function runningEvents(
  spec: TrialSpec,
  workerId: number,
  clock: () => number,
): RunEvent[] {
  const events: RunEvent[] = [startOf(spec, workerId, clock)];
  const half = spec.params.trees / 2;
  for (let trees = spec.chunkSize; trees <= half; trees += spec.chunkSize) {
    events.push({
      kind: 'trial-progress',
      at: clock(),
      trialId: spec.id,
      workerId,
      treesDone: trees,
      elapsedMs: trees * 10,
      trainScore: 0.98,
      testScore: 0.9 + (trees % 60) / 1000,
      oobScore: null,
    });
  }

  return events;
}
