import { clearAlert, raiseAlert } from './alert-state.js';
import {
  CURVE_POINTS,
  FAILED_WORKER_ROW_MS,
  PROGRESS_SAMPLE_MS,
  PROGRESS_SAMPLES,
  SCORE_GAIN_EPSILON,
} from './constants.js';
import type { EventOf, QueueSource, RunEvent } from './events.js';
import {
  createAlertsState,
  createTrialState,
  createWorkerState,
  emptyCurve,
  type HostState,
  type QueueState,
  type RunState,
  type TrialState,
  type WorkerState,
} from './run-state.js';
import { countTreesGrown, selectActiveMs } from './selectors.js';

/** Error of a thread whose worker process stopped sending heartbeats. */
export const HOST_LOST_ERROR = 'host lost: heartbeats stopped';

/**
 * Folds one event into the run state. Pure: the same events give the same
 * state in a live run, a replay and a watcher.
 */
export function reduceRunEvent(state: RunState, event: RunEvent): RunState {
  const next = applyEvent(state, event);
  const now = Math.max(next.now, event.at);
  const timed = now === next.now ? next : { ...next, now };
  const sampled =
    event.kind === 'trial-progress' || event.kind === 'trial-finished'
      ? sampleProgress(timed)
      : timed;

  return pruneFailedWorkers(sampled);
}

/** Folds a batch of events in order. */
export function reduceRunEvents(
  state: RunState,
  events: readonly RunEvent[],
): RunState {
  let next = state;
  for (const event of events) {
    next = reduceRunEvent(next, event);
  }

  return next;
}

function applyEvent(state: RunState, event: RunEvent): RunState {
  switch (event.kind) {
    case 'run-started':
      return startRun(state, event);
    case 'run-continued':
      return continueRun(state, event);
    case 'trial-started':
      return startTrial(state, event);
    case 'trial-progress':
      return recordProgress(state, event);
    case 'trial-finished':
      return finishTrial(state, event);
    case 'trial-failed':
      return failTrial(state, event);
    case 'trial-preempted':
      return preemptTrial(state, event);
    case 'trial-pruned':
      return updateTrial(state, event.trialId, () => ({
        status: 'pruned',
        workerId: null,
        treesDone: event.treesDone,
        testScore: event.testScore,
        endedAt: event.at,
      }));
    case 'worker-started':
      return updateWorker(state, event.workerId, {
        hostId: event.hostId ?? null,
      });
    case 'worker-exited':
      return removeWorker(state, event.workerId);
    case 'worker-failed':
      return updateWorker(state, event.workerId, {
        status: 'failed',
        error: event.error,
        failedAt: event.at,
      });
    case 'pool-resized':
      return { ...state, poolSize: event.poolSize };
    case 'run-paused':
      return state.isPaused
        ? state
        : { ...state, isPaused: true, pausedAt: event.at };
    case 'run-resumed':
      return resumeRun(state, event.at);
    case 'system-sampled':
      return { ...state, system: readingOf(event) };
    case 'threads-sampled':
      return recordThreadCpu(state, event);
    case 'host-sampled':
      return recordHost(state, event);
    case 'host-lost':
      return loseHost(state, event);
    case 'queue-unreachable':
      return state.queue
        ? {
            ...state,
            queue: { ...state.queue, isReachable: false, error: event.error },
          }
        : state;
    case 'queue-reachable':
      return state.queue
        ? {
            ...state,
            queue: { ...state.queue, isReachable: true, error: null },
          }
        : state;
    case 'alert-raised':
      return { ...state, alerts: raiseAlert(state.alerts, event) };
    case 'alert-cleared':
      return { ...state, alerts: clearAlert(state.alerts, event) };
    case 'run-finished':
      return finishRun(state, event);
  }
}

function startRun(state: RunState, event: EventOf<'run-started'>): RunState {
  const trials: Record<string, TrialState> = {};
  for (const spec of event.trials) {
    trials[spec.id] = createTrialState(spec);
  }

  return {
    runId: event.runId,
    job: event.job,
    data: event.data ?? null,
    startedAt: event.at,
    now: event.at,
    finishedAt: null,
    finishReason: null,
    isPaused: false,
    pausedAt: null,
    pausedMs: 0,
    stoppedMs: 0,
    poolSize: event.poolSize,
    maxPoolSize: event.maxPoolSize,
    trialIds: event.trials.map((spec) => spec.id),
    trials,
    // Threads, worker processes and telemetry may start before the run does.
    workers: state.workers,
    queue: queueOf(event.queue),
    hosts: state.hosts,
    system: state.system,
    progressSamples: [],
    alerts: createAlertsState(),
  };
}

/** Puts trials that were running when the run stopped back in the queue. */
function continueRun(state: RunState, event: EventOf<'run-continued'>) {
  const trials: Record<string, TrialState> = {};
  for (const [id, trial] of Object.entries(state.trials)) {
    trials[id] =
      trial.status === 'running'
        ? { ...createTrialState(trial.spec), attempt: trial.attempt }
        : trial;
  }

  // The time the run lay stopped is left out of its elapsed time, so the
  // duration, the ETA and the trees per second reflect run time only.
  const stoppedMs = Math.max(0, event.at - (state.finishedAt ?? state.now));

  return {
    ...state,
    trials,
    // The threads of the stopped run are gone, and worker processes show
    // up again with their next heartbeat.
    workers: {},
    queue: queueOf(event.queue),
    hosts: {},
    finishedAt: null,
    finishReason: null,
    isPaused: false,
    pausedAt: null,
    stoppedMs: state.stoppedMs + stoppedMs,
    poolSize: event.poolSize,
    maxPoolSize: event.maxPoolSize,
    progressSamples: [],
  };
}

function startTrial(state: RunState, event: EventOf<'trial-started'>) {
  const isFresh = event.treesDone === 0;
  const withTrial = updateTrial(state, event.trialId, (trial) => ({
    status: 'running',
    attempt: event.attempt,
    workerId: event.workerId,
    treesDone: event.treesDone,
    error: null,
    // A fresh attempt starts its curve again; a continued one keeps it.
    testCurve: isFresh ? emptyCurve() : trial.testCurve,
    progressActiveMs: activeMsAt(state, event.at),
    // A continued attempt keeps the best score and the trees it was
    // measured at. Chunks grown again from an earlier checkpoint are
    // counted from those trees, so they are never counted twice.
    bestTestScore: isFresh ? null : trial.bestTestScore,
    bestTestTrees: isFresh ? null : trial.bestTestTrees,
  }));

  return updateWorker(withTrial, event.workerId, {
    status: 'running',
    trialId: event.trialId,
    error: null,
    failedAt: null,
  });
}

function recordProgress(state: RunState, event: EventOf<'trial-progress'>) {
  return updateTrial(state, event.trialId, (trial) => ({
    treesDone: event.treesDone,
    trainScore: event.trainScore,
    testScore: event.testScore,
    oobScore: event.oobScore,
    elapsedMs: event.elapsedMs,
    testCurve: extendCurve(
      trial.testCurve,
      event.treesDone / trial.spec.params.trees,
      event.testScore,
    ),
    progressActiveMs: activeMsAt(state, event.at),
    ...trackBestScore(trial, event.treesDone, event.testScore),
  }));
}

/** Returns the active run time at `at`, as of the event arriving then. */
function activeMsAt(state: RunState, at: number): number {
  return selectActiveMs({ ...state, now: Math.max(state.now, at) });
}

/** Keeps the best test score and the trees grown when it was measured. */
function trackBestScore(
  trial: TrialState,
  treesDone: number,
  testScore: number,
): Pick<TrialState, 'bestTestScore' | 'bestTestTrees'> {
  const best = trial.bestTestScore;
  if (best === null || testScore > best + SCORE_GAIN_EPSILON) {
    return { bestTestScore: testScore, bestTestTrees: treesDone };
  }

  return { bestTestScore: best, bestTestTrees: trial.bestTestTrees };
}

function finishTrial(state: RunState, event: EventOf<'trial-finished'>) {
  const withTrial = updateTrial(state, event.trialId, () => ({
    status: 'finished',
    treesDone: event.trees,
    trainScore: event.trainScore,
    testScore: event.testScore,
    oobScore: event.oobScore,
    foldTestScores: event.foldTestScores,
    metrics: event.metrics ?? null,
    elapsedMs: event.elapsedMs,
    endedAt: event.at,
  }));

  return releaseWorker(withTrial, event.workerId, event.trialId);
}

function failTrial(state: RunState, event: EventOf<'trial-failed'>) {
  const withTrial = updateTrial(state, event.trialId, () => ({
    status: event.willRetry ? 'queued' : 'failed',
    workerId: null,
    error: event.error,
    endedAt: event.willRetry ? null : event.at,
  }));

  return event.workerId === null
    ? withTrial
    : releaseWorker(withTrial, event.workerId, event.trialId);
}

function preemptTrial(state: RunState, event: EventOf<'trial-preempted'>) {
  const withTrial = updateTrial(state, event.trialId, () => ({
    status: 'queued',
    workerId: null,
    treesDone: event.treesDone,
  }));

  return releaseWorker(withTrial, event.workerId, event.trialId);
}

function resumeRun(state: RunState, at: number): RunState {
  if (!state.isPaused || state.pausedAt === null) {
    return state;
  }

  return {
    ...state,
    isPaused: false,
    pausedAt: null,
    pausedMs: state.pausedMs + Math.max(0, at - state.pausedAt),
  };
}

function finishRun(state: RunState, event: EventOf<'run-finished'>) {
  const resumed = resumeRun(state, event.at);

  return {
    ...resumed,
    finishedAt: event.at,
    finishReason: event.reason,
  };
}

function recordThreadCpu(state: RunState, event: EventOf<'threads-sampled'>) {
  const workers = { ...state.workers };
  for (const reading of event.threads) {
    const worker = workers[reading.workerId];
    if (worker) {
      workers[reading.workerId] = {
        ...worker,
        cpuPercent: reading.cpuPercent,
      };
    }
  }

  return { ...state, workers };
}

function recordHost(state: RunState, event: EventOf<'host-sampled'>) {
  const host: HostState = {
    id: event.hostId,
    host: event.host,
    threads: event.threads,
    busyThreads: event.busyThreads,
    cpuPercent: event.cpuPercent,
    memUsedBytes: event.memUsedBytes,
    memTotalBytes: event.memTotalBytes,
    sampledAt: event.at,
    isLost: false,
  };

  return { ...state, hosts: { ...state.hosts, [host.id]: host } };
}

/**
 * Marks a worker process lost and fails the rows of its threads. Their
 * trials go back to the queue, because the job queue hands a stalled job
 * to another worker. A host never sampled gets no entry, but its threads
 * still fail.
 */
function loseHost(state: RunState, event: EventOf<'host-lost'>): RunState {
  const host = state.hosts[event.hostId];
  let next: RunState =
    host === undefined
      ? state
      : {
          ...state,
          hosts: { ...state.hosts, [host.id]: { ...host, isLost: true } },
        };

  const lostWorkers = Object.values(state.workers).filter(
    (worker) => worker.hostId === event.hostId && worker.status !== 'failed',
  );
  for (const worker of lostWorkers) {
    next = requeueTrialsOf(next, worker.id);
    next = updateWorker(next, worker.id, {
      status: 'failed',
      error: HOST_LOST_ERROR,
      failedAt: event.at,
    });
  }

  return next;
}

/** Puts the trials a worker is running back in the queue, trees kept. */
function requeueTrialsOf(state: RunState, workerId: number): RunState {
  const running = Object.values(state.trials).filter(
    (trial) => trial.status === 'running' && trial.workerId === workerId,
  );

  let next = state;
  for (const trial of running) {
    next = updateTrial(next, trial.spec.id, () => ({
      status: 'queued',
      workerId: null,
    }));
  }

  return next;
}

function readingOf(event: EventOf<'system-sampled'>) {
  const { kind: _kind, at: _at, ...reading } = event;

  return reading;
}

function updateTrial(
  state: RunState,
  trialId: string,
  change: (trial: TrialState) => Partial<TrialState>,
): RunState {
  const trial = state.trials[trialId];
  if (!trial) {
    return state;
  }

  return {
    ...state,
    trials: { ...state.trials, [trialId]: { ...trial, ...change(trial) } },
  };
}

function updateWorker(
  state: RunState,
  workerId: number,
  change: Partial<WorkerState>,
): RunState {
  const worker = state.workers[workerId] ?? createWorkerState(workerId);

  return {
    ...state,
    workers: { ...state.workers, [workerId]: { ...worker, ...change } },
  };
}

/** Marks a worker idle unless it already moved on to another trial. */
function releaseWorker(state: RunState, workerId: number, trialId: string) {
  const worker = state.workers[workerId];
  if (!worker || worker.trialId !== trialId || worker.status === 'failed') {
    return state;
  }

  return updateWorker(state, workerId, { status: 'idle', trialId: null });
}

function removeWorker(state: RunState, workerId: number): RunState {
  const worker = state.workers[workerId];
  if (!worker || worker.status === 'failed') {
    return state;
  }

  const { [workerId]: _removed, ...workers } = state.workers;

  return { ...state, workers };
}

/**
 * Records the run's trees grown, unless less than PROGRESS_SAMPLE_MS of
 * active time passed since the last sample.
 */
function sampleProgress(state: RunState): RunState {
  const activeMs = selectActiveMs(state);
  const last = state.progressSamples.at(-1);
  if (last && activeMs - last.activeMs < PROGRESS_SAMPLE_MS) {
    return state;
  }

  const sample = { activeMs, trees: countTreesGrown(state) };
  const recent = state.progressSamples.slice(1 - PROGRESS_SAMPLES);

  return { ...state, progressSamples: [...recent, sample] };
}

/** Drops rows of crashed workers once they were shown long enough. */
function pruneFailedWorkers(state: RunState): RunState {
  const expired = Object.values(state.workers).filter(
    (worker) =>
      worker.failedAt !== null &&
      state.now - worker.failedAt > FAILED_WORKER_ROW_MS,
  );
  if (expired.length === 0) {
    return state;
  }

  const workers = { ...state.workers };
  for (const worker of expired) {
    delete workers[worker.id];
  }

  return { ...state, workers };
}

/**
 * Sets the curve up to the point for `share` of the trees, filling points
 * that no chunk ended in with the same score, so the curve has no gaps.
 */
function extendCurve(
  curve: readonly (number | null)[],
  share: number,
  score: number,
): (number | null)[] {
  const last = Math.min(
    CURVE_POINTS - 1,
    Math.max(0, Math.ceil(share * CURVE_POINTS) - 1),
  );
  const next = [...curve];
  for (let point = last; point >= 0; point--) {
    if (point < last && next[point] !== null) {
      break;
    }
    next[point] = score;
  }

  return next;
}

/** Returns the queue a run goes on, reachable until a queue-unreachable event. */
function queueOf(source: QueueSource | undefined): QueueState | null {
  return source ? { ...source, isReachable: true, error: null } : null;
}
