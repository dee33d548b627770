import type { AlertRule } from '../state/events.js';
import type { RunState, TrialState } from '../state/run-state.js';
import { selectActiveMs, selectWorkers } from '../state/selectors.js';
import {
  formatScore,
  formatTrainingTime,
  memoryPercent,
  toOneLine,
} from '../ui/format.js';
import { scoreLabel, taskOf } from '../ui/score-labels.js';
import type { AlertSettings } from './alert-settings.js';

/** Decimals of the scores in alert messages, as formatScore shows them. */
const SCORE_DIGITS = 3;

/** Maximum decimals of a gap in a message, for an `--alert-gap` with many. */
const MAX_GAP_DIGITS = 6;

/** An alert that the run's state calls for, active or about to be. */
export type DesiredAlert = {
  /** Rule and subject, such as `stalled:w3` or `overfitting:t12`. */
  readonly alertId: string;
  readonly rule: AlertRule;
  /** One line that names the subject and the reading behind the alert. */
  readonly message: string;
  readonly trialId?: string;
  readonly workerId?: number;
};

/**
 * Returns the alerts that the state calls for, by rule, each rule's in the
 * order of worker ids or of the plan. Pure, so the same events give the
 * same alerts. `tickMs` is the telemetry interval that turns the stall
 * rule's ticks into time.
 */
export function evaluateAlerts(
  state: RunState,
  settings: AlertSettings,
  tickMs: number,
): DesiredAlert[] {
  return [
    ...findStalledWorkers(state, settings.stallTicks * tickMs),
    ...findMemoryAlerts(state, settings.memoryPercent),
    ...findFailedTrials(state),
    ...findOverfitTrials(state, settings.overfitGap),
    ...findPlateaus(state, settings.plateauChunks),
  ];
}

/**
 * Finds running workers whose trial reported no chunk for `stallMs` of
 * active time. Paused time does not count, and a paused run has no stalls,
 * because its workers wait on purpose.
 */
function findStalledWorkers(state: RunState, stallMs: number) {
  if (stallMs <= 0 || state.isPaused || state.finishedAt !== null) {
    return [];
  }

  const activeMs = selectActiveMs(state);
  const alerts: DesiredAlert[] = [];
  for (const worker of selectWorkers(state)) {
    const trial =
      worker.status === 'running' && worker.trialId !== null
        ? state.trials[worker.trialId]
        : undefined;
    if (trial?.status !== 'running') {
      continue;
    }

    if (activeMs - trial.progressActiveMs >= stallMs) {
      alerts.push({
        alertId: `stalled:w${worker.id}`,
        rule: 'stalled',
        message: `no progress for ${formatTrainingTime(stallMs)} on ${trial.spec.id}`,
        trialId: trial.spec.id,
        workerId: worker.id,
      });
    }
  }

  return alerts;
}

/**
 * Finds memory use above `limitPercent` of the total: on this machine, and
 * in a queued run on every worker process still heard from.
 */
function findMemoryAlerts(state: RunState, limitPercent: number) {
  const alerts: DesiredAlert[] = [];
  const system = state.system;
  const machinePercent = memoryPercent(
    system?.memUsedBytes ?? null,
    system?.memTotalBytes ?? null,
  );
  if (machinePercent !== null && machinePercent > limitPercent) {
    alerts.push({
      alertId: 'memory:machine',
      rule: 'memory',
      message: describeMemory(machinePercent, limitPercent, 'this machine'),
    });
  }

  const hosts = Object.values(state.hosts).sort((a, b) =>
    a.id.localeCompare(b.id),
  );
  for (const host of hosts) {
    const percent = memoryPercent(host.memUsedBytes, host.memTotalBytes);
    if (!host.isLost && percent !== null && percent > limitPercent) {
      alerts.push({
        alertId: `memory:${host.id}`,
        rule: 'memory',
        message: describeMemory(percent, limitPercent, host.id),
      });
    }
  }

  return alerts;
}

function describeMemory(percent: number, limitPercent: number, on: string) {
  return `memory ${percent.toFixed(1)}% used on ${on}, above ${limitPercent}%`;
}

/** Finds trials that failed with no retries left. */
function findFailedTrials(state: RunState): DesiredAlert[] {
  return listTrials(state)
    .filter((trial) => trial.status === 'failed')
    .map((trial) => ({
      alertId: `trial-failed:${trial.spec.id}`,
      rule: 'trial-failed',
      message:
        `${trial.spec.id} failed after ${countOf(trial.attempt, 'attempt')}: ` +
        toOneLine(trial.error ?? 'no error message'),
      trialId: trial.spec.id,
    }));
}

/**
 * Finds trials whose training score exceeds the test score by more than
 * `maxGap`: finished ones, and running ones past half their trees, whose
 * scores no longer swing much from chunk to chunk. An overfitting alert
 * already raised for a trial stays with its message for the rest of the
 * run, so a gap that narrows on a later chunk does not clear it.
 */
function findOverfitTrials(state: RunState, maxGap: number) {
  const label = scoreLabel(taskOf(state.data));
  const digits = gapDigits(maxGap);
  const alerts: DesiredAlert[] = [];
  for (const trial of listTrials(state)) {
    const alertId = `overfitting:${trial.spec.id}`;
    const raised = state.alerts.active.find(
      (alert) => alert.alertId === alertId,
    );
    if (raised !== undefined) {
      alerts.push({
        alertId,
        rule: 'overfitting',
        message: raised.message,
        trialId: trial.spec.id,
      });
      continue;
    }

    const { trainScore, testScore } = trial;
    const isFarEnough =
      trial.status === 'finished' ||
      (trial.status === 'running' &&
        trial.treesDone * 2 >= trial.spec.params.trees);
    if (!isFarEnough || trainScore === null || testScore === null) {
      continue;
    }

    // The gap is compared as the message shows it, so a gap such as
    // 0.75 - 0.6, which is 0.15000000000000002 in floating point, does
    // not read `gap 0.150 above 0.15`.
    const gap = (trainScore - testScore).toFixed(digits);
    if (Number(gap) > maxGap) {
      alerts.push({
        alertId,
        rule: 'overfitting',
        message:
          `${trial.spec.id} train ${label} ${formatScore(trainScore)}, ` +
          `test ${label} ${formatScore(testScore)} at ${trial.treesDone} ` +
          `of ${trial.spec.params.trees} trees: gap ${gap} above ${maxGap}`,
        trialId: trial.spec.id,
      });
    }
  }

  return alerts;
}

/**
 * Returns the decimals to show a gap with: three, like the scores, or as
 * many as `maxGap` has, up to MAX_GAP_DIGITS.
 */
function gapDigits(maxGap: number): number {
  let digits = SCORE_DIGITS;
  while (digits < MAX_GAP_DIGITS && Number(maxGap.toFixed(digits)) !== maxGap) {
    digits += 1;
  }

  return digits;
}

/**
 * Finds running trials with trees still to grow whose test score rose by
 * no more than SCORE_GAIN_EPSILON over the last `chunks` chunks.
 */
function findPlateaus(state: RunState, chunks: number): DesiredAlert[] {
  if (chunks <= 0) {
    return [];
  }

  const label = scoreLabel(taskOf(state.data));

  return listTrials(state)
    .filter(
      (trial) =>
        trial.status === 'running' &&
        countChunksSinceBest(trial) >= chunks &&
        trial.treesDone < trial.spec.params.trees,
    )
    .map((trial) => ({
      alertId: `plateau:${trial.spec.id}`,
      rule: 'plateau',
      message:
        `${trial.spec.id} test ${label} no better than ` +
        `${formatScore(trial.bestTestScore)} for ` +
        `${countOf(countChunksSinceBest(trial), 'chunk')}, at ` +
        `${trial.treesDone} of ${trial.spec.params.trees} trees`,
      trialId: trial.spec.id,
    }));
}

/**
 * Counts the whole chunks grown since the trial's best test score, from
 * the trees grown then and now. An attempt that continues from a
 * checkpoint before the best score counts none until it grows past it.
 */
function countChunksSinceBest(trial: TrialState): number {
  if (trial.bestTestTrees === null) {
    return 0;
  }

  const trees = Math.max(0, trial.treesDone - trial.bestTestTrees);

  return Math.floor(trees / Math.max(1, trial.spec.chunkSize));
}

function listTrials(state: RunState): TrialState[] {
  return state.trialIds.flatMap((id) => state.trials[id] ?? []);
}

function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
