import type { TrialParams, TrialSpec } from '../../source/plan/trial-spec.js';
import type { RunEvent, SystemReading } from '../../source/state/events.js';
import { reduceRunEvents } from '../../source/state/reducer.js';
import {
  createRunState,
  createTrialState,
  createWorkerState,
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
    },
  ];

  for (let workerId = 1; workerId <= options.workerCount; workerId += 1) {
    events.push({ kind: 'worker-started', at: clock(), workerId });
  }

  const finished = specs.slice(0, options.finishedCount);
  for (const [index, spec] of finished.entries()) {
    events.push(...trialEvents(spec, 1, clock, 0.9 + (index % 7) / 100));
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
  testAccuracy: number,
): RunEvent[] {
  const trees = spec.params.trees;

  return [
    startOf(spec, workerId, clock),
    {
      kind: 'trial-finished',
      at: clock(),
      trialId: spec.id,
      workerId,
      trees,
      elapsedMs: 1000 + trees * 10,
      trainAccuracy: 0.99,
      testAccuracy,
      oobAccuracy: spec.index % 2 === 0 ? 0.95 : null,
    },
  ];
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
      trainAccuracy: 0.98,
      testAccuracy: 0.9 + (trees % 60) / 1000,
      oobAccuracy: null,
    });
  }

  return events;
}
