import type { TrialSpec } from '../plan/trial-spec.js';
import { CURVE_POINTS } from './constants.js';
import type {
  AlertRule,
  DataSource,
  QueueSource,
  SystemReading,
  TrialMetrics,
} from './events.js';

/** `pruned`: stopped early by a successive-halving search, at a rung. */
export type TrialStatus =
  'queued' | 'running' | 'finished' | 'failed' | 'pruned';

export type TrialState = {
  readonly spec: TrialSpec;
  readonly status: TrialStatus;
  /** Attempts started so far, 0 while never started. */
  readonly attempt: number;
  readonly workerId: number | null;
  readonly treesDone: number;
  readonly trainScore: number | null;
  readonly testScore: number | null;
  readonly oobScore: number | null;
  /** Test score of each fold once finished; one entry for a held-out split. */
  readonly foldTestScores: readonly number[];
  /** The finished forest's F1 and confusion, or RMSE; null until then. */
  readonly metrics: TrialMetrics | null;
  /** Training time so far, in ms. */
  readonly elapsedMs: number;
  /**
   * Test score as the forest grows, in CURVE_POINTS equal shares of its
   * trees: point i is the score measured when the forest reached share
   * i, or null for a share not reached yet.
   */
  readonly testCurve: readonly (number | null)[];
  /**
   * Active run time, paused time left out, when the attempt started or
   * last reported a chunk, in ms. The stall alert measures from it.
   */
  readonly progressActiveMs: number;
  /** Best test score of the attempt so far, null before its first chunk. */
  readonly bestTestScore: number | null;
  /**
   * Trees grown when the test score last rose by more than
   * SCORE_GAIN_EPSILON, null before the first chunk. The plateau alert
   * counts the chunks grown since then.
   */
  readonly bestTestTrees: number | null;
  readonly error: string | null;
  /** Time the trial reached `finished` or `failed`, in ms since the epoch. */
  readonly endedAt: number | null;
};

export type WorkerStatus = 'idle' | 'running' | 'failed';

export type WorkerState = {
  readonly id: number;
  /** The worker process that owns the thread in a queued run, else null. */
  readonly hostId: string | null;
  readonly status: WorkerStatus;
  readonly trialId: string | null;
  /** Percent of one core over the last interval, null when unmeasured. */
  readonly cpuPercent: number | null;
  readonly error: string | null;
  readonly failedAt: number | null;
};

/** The Redis queue of a queued run, and whether Redis replies. */
export type QueueState = QueueSource & {
  /** False while the coordinator cannot reach Redis. */
  readonly isReachable: boolean;
  /** The error that made Redis unreachable, or null while it is reachable. */
  readonly error: string | null;
};

/** A worker process of a queued run, as its heartbeats describe it. */
export type HostState = {
  readonly id: string;
  /** Name of the machine it runs on. */
  readonly host: string;
  readonly threads: number;
  readonly busyThreads: number;
  readonly cpuPercent: number | null;
  readonly memUsedBytes: number | null;
  readonly memTotalBytes: number | null;
  /** Time of its latest heartbeat, in ms since the epoch. */
  readonly sampledAt: number;
  /** True once its heartbeats stopped, until another one arrives. */
  readonly isLost: boolean;
};

/** An alert raised and not cleared yet. */
export type ActiveAlert = {
  /** Rule and subject, such as `stalled:w3`. */
  readonly alertId: string;
  readonly rule: AlertRule;
  readonly message: string;
  readonly trialId: string | null;
  readonly workerId: number | null;
  /** Time it was raised, in ms since the epoch. */
  readonly raisedAt: number;
};

/** Alerts of a run, folded from its `alert-raised` and `alert-cleared` events. */
export type AlertsState = {
  /** Alerts raised and not cleared, oldest first. */
  readonly active: readonly ActiveAlert[];
  /** Alerts raised in the whole run, cleared ones included. */
  readonly raisedCount: number;
  /** The same count by rule; a rule never raised has no entry. */
  readonly raisedByRule: Readonly<Partial<Record<AlertRule, number>>>;
};

/** Everything the monitor shows, folded from the run's events. */
export type RunState = {
  readonly runId: string;
  readonly job: string;
  /** The data set, task and evaluation; null before the run starts. */
  readonly data: DataSource | null;
  readonly startedAt: number;
  /** Time of the latest event, in ms since the epoch. */
  readonly now: number;
  readonly finishedAt: number | null;
  readonly finishReason: 'completed' | 'stopped' | null;
  readonly isPaused: boolean;
  readonly pausedAt: number | null;
  /** Time spent paused before the current pause, in ms. */
  readonly pausedMs: number;
  /**
   * Time the run lay stopped or dead before `traintop resume` took it up
   * again, in ms. It is not run time, so elapsed time leaves it out.
   */
  readonly stoppedMs: number;
  readonly poolSize: number;
  readonly maxPoolSize: number;
  /** Trial ids in plan order. */
  readonly trialIds: readonly string[];
  readonly trials: Readonly<Record<string, TrialState>>;
  /** Live and recently failed workers, by thread id. */
  readonly workers: Readonly<Record<number, WorkerState>>;
  /** The Redis queue of a queued run, or null on local threads. */
  readonly queue: QueueState | null;
  /** Worker processes of a queued run, by id; empty in a local run. */
  readonly hosts: Readonly<Record<string, HostState>>;
  readonly system: SystemReading | null;
  /** Trees grown by active time, oldest first, for the ETA. */
  readonly progressSamples: readonly ProgressSample[];
  readonly alerts: AlertsState;
};

/** Trees grown in the whole run once `activeMs` of unpaused time passed. */
export type ProgressSample = {
  readonly activeMs: number;
  readonly trees: number;
};

/** Returns the state before any event of a run arrived. */
export function createRunState(): RunState {
  return {
    runId: '',
    job: '',
    data: null,
    startedAt: 0,
    now: 0,
    finishedAt: null,
    finishReason: null,
    isPaused: false,
    pausedAt: null,
    pausedMs: 0,
    stoppedMs: 0,
    poolSize: 0,
    maxPoolSize: 0,
    trialIds: [],
    trials: {},
    workers: {},
    queue: null,
    hosts: {},
    system: null,
    progressSamples: [],
    alerts: createAlertsState(),
  };
}

/** Returns the alerts of a run that raised none. */
export function createAlertsState(): AlertsState {
  return { active: [], raisedCount: 0, raisedByRule: {} };
}

/** Returns a queued trial for a spec. */
export function createTrialState(spec: TrialSpec): TrialState {
  return {
    spec,
    status: 'queued',
    attempt: 0,
    workerId: null,
    treesDone: 0,
    trainScore: null,
    testScore: null,
    oobScore: null,
    foldTestScores: [],
    metrics: null,
    elapsedMs: 0,
    testCurve: emptyCurve(),
    progressActiveMs: 0,
    bestTestScore: null,
    bestTestTrees: null,
    error: null,
    endedAt: null,
  };
}

/** Returns a curve with no point measured. */
export function emptyCurve(): (number | null)[] {
  return new Array<number | null>(CURVE_POINTS).fill(null);
}

export function createWorkerState(
  id: number,
  hostId: string | null = null,
): WorkerState {
  return {
    id,
    hostId,
    status: 'idle',
    trialId: null,
    cpuPercent: null,
    error: null,
    failedAt: null,
  };
}
