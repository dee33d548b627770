import type {
  HostState,
  RunState,
  TrialState,
  WorkerState,
} from './run-state.js';

/** Samples the ETA needs before it trusts the recent rate. */
const MIN_RATE_SAMPLES = 5;

export type TrialCounts = {
  readonly total: number;
  readonly finished: number;
  readonly running: number;
  readonly queued: number;
  readonly failed: number;
  /** Stopped early by a successive-halving search. */
  readonly pruned: number;
};

export function countTrials(state: RunState): TrialCounts {
  const counts = {
    total: 0,
    finished: 0,
    running: 0,
    queued: 0,
    failed: 0,
    pruned: 0,
  };
  for (const trial of Object.values(state.trials)) {
    counts.total += 1;
    counts[trial.status] += 1;
  }

  return counts;
}

/** Returns finished trials, best test score first, ties by plan order. */
export function rankFinishedTrials(state: RunState): TrialState[] {
  return Object.values(state.trials)
    .filter((trial) => trial.status === 'finished')
    .sort(
      (a, b) =>
        (b.testScore ?? 0) - (a.testScore ?? 0) || a.spec.index - b.spec.index,
    );
}

/**
 * Returns the trials the finished table lists: finished trials ranked as
 * rankFinishedTrials ranks them, then trials pruned by halving, those that
 * grew more trees first and each group by its score when pruned.
 */
export function rankListedTrials(state: RunState): TrialState[] {
  const pruned = Object.values(state.trials)
    .filter((trial) => trial.status === 'pruned')
    .sort(
      (a, b) =>
        b.treesDone - a.treesDone ||
        (b.testScore ?? 0) - (a.testScore ?? 0) ||
        a.spec.index - b.spec.index,
    );

  return [...rankFinishedTrials(state), ...pruned];
}

export function selectBestTrial(state: RunState): TrialState | null {
  return rankFinishedTrials(state)[0] ?? null;
}

export function selectFailedTrials(state: RunState): TrialState[] {
  return Object.values(state.trials).filter(
    (trial) => trial.status === 'failed',
  );
}

/** Returns workers ordered by thread id. */
export function selectWorkers(state: RunState): WorkerState[] {
  return Object.values(state.workers).sort((a, b) => a.id - b.id);
}

/** Returns the worker processes, live ones first, each part by id. */
export function selectHosts(state: RunState): HostState[] {
  return Object.values(state.hosts).sort(
    (a, b) => Number(a.isLost) - Number(b.isLost) || compareIds(a.id, b.id),
  );
}

/** Counts the worker processes whose heartbeats still arrive. */
export function countLiveHosts(state: RunState): number {
  return Object.values(state.hosts).filter((host) => !host.isLost).length;
}

/** The threads of one worker process, as the monitor groups them. */
export type HostGroup = {
  /** Id of the worker process, or null for threads that name none. */
  readonly hostId: string | null;
  /** Its latest heartbeat, or null before the first one arrived. */
  readonly host: HostState | null;
  /** Its threads, by thread id. */
  readonly workers: readonly WorkerState[];
};

/**
 * Groups workers by the worker process that owns them. Processes come in
 * selectHosts order, those known only from their threads after the live
 * ones, and threads that name no process come last.
 */
export function selectHostGroups(state: RunState): HostGroup[] {
  const workers = selectWorkers(state);
  const groupOf = (hostId: string | null): HostGroup => ({
    hostId,
    host: hostId === null ? null : (state.hosts[hostId] ?? null),
    workers: workers.filter((worker) => worker.hostId === hostId),
  });

  const hosts = selectHosts(state);
  const liveIds = hosts.filter((host) => !host.isLost).map((host) => host.id);
  const lostIds = hosts.filter((host) => host.isLost).map((host) => host.id);
  const unsampledIds = [...new Set(workers.map((worker) => worker.hostId))]
    .filter((id): id is string => id !== null && !(id in state.hosts))
    .sort(compareIds);
  const groups = [...liveIds, ...unsampledIds, ...lostIds].map(groupOf);

  const hasUnowned = workers.some((worker) => worker.hostId === null);

  return hasUnowned ? [...groups, groupOf(null)] : groups;
}

/** Orders ids so that `gpu-2` comes before `gpu-10`. */
function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** Returns the trial a worker is on, or null when it has none. */
export function selectWorkerTrial(
  state: RunState,
  worker: WorkerState,
): TrialState | null {
  return worker.trialId === null
    ? null
    : (state.trials[worker.trialId] ?? null);
}

/**
 * Returns run time so far, in ms, the final time once the run ended. Time
 * between a stop and a resume is left out.
 */
export function selectElapsedMs(state: RunState): number {
  const end = state.finishedAt ?? state.now;

  return Math.max(0, end - state.startedAt - state.stoppedMs);
}

/** Returns run time spent not paused, in ms. */
export function selectActiveMs(state: RunState): number {
  const currentPauseMs =
    state.isPaused && state.pausedAt !== null ? state.now - state.pausedAt : 0;

  return Math.max(0, selectElapsedMs(state) - state.pausedMs - currentPauseMs);
}

/** Returns the trees grown so far over all trials. */
export function countTreesGrown(state: RunState): number {
  let trees = 0;
  for (const trial of Object.values(state.trials)) {
    trees += trial.treesDone;
  }

  return trees;
}

/**
 * Estimates the time left in ms from the trees grown per active second over
 * the recent progress samples, so a resized pool shows within seconds, or
 * over the whole run while there are too few samples. Returns null before
 * any tree was grown and once the run ended. Pausing freezes it, because
 * paused time does not count as active.
 */
export function selectEtaMs(state: RunState): number | null {
  if (state.finishedAt !== null) {
    return null;
  }

  let remainingTrees = 0;
  for (const trial of Object.values(state.trials)) {
    if (trial.status === 'queued' || trial.status === 'running') {
      remainingTrees += trial.spec.params.trees - trial.treesDone;
    }
  }

  const rate = recentRate(state) ?? overallRate(state);

  return rate === null ? null : remainingTrees / rate;
}

/** Returns trees per active ms over the recent samples, or null. */
function recentRate(state: RunState): number | null {
  const samples = state.progressSamples;
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last || samples.length < MIN_RATE_SAMPLES) {
    return null;
  }

  const trees = last.trees - first.trees;
  const activeMs = last.activeMs - first.activeMs;

  return trees > 0 && activeMs > 0 ? trees / activeMs : null;
}

function overallRate(state: RunState): number | null {
  const trees = countTreesGrown(state);
  const activeMs = selectActiveMs(state);

  return trees > 0 && activeMs > 0 ? trees / activeMs : null;
}
