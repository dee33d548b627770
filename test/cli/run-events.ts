import type { TrialParams, TrialSpec } from '../../source/plan/trial-spec.js';
import type { EventOf } from '../../source/state/events.js';

/** Time of the first event in these fixtures, in ms since the epoch. */
export const START_AT = Date.UTC(2025, 0, 1);

/** Returns the spec of trial number `index` (from 0), such as `t01`. */
export function createSpec(
  index: number,
  params: Partial<TrialParams> = {},
): TrialSpec {
  return {
    id: `t${String(index + 1).padStart(2, '0')}`,
    index,
    params: { trees: 60, maxFeatures: 2, maxDepth: 3, seed: 1, ...params },
    chunkSize: 10,
  };
}

export function runStarted(
  trials: readonly TrialSpec[],
  poolSize = 2,
): EventOf<'run-started'> {
  return {
    kind: 'run-started',
    at: START_AT,
    runId: 'r1',
    job: 'iris',
    trials,
    poolSize,
    maxPoolSize: 8,
  };
}

export function trialStarted(
  spec: TrialSpec,
  workerId: number,
  atMs: number,
  attempt = 1,
): EventOf<'trial-started'> {
  return {
    kind: 'trial-started',
    at: START_AT + atMs,
    trialId: spec.id,
    workerId,
    attempt,
    treesDone: 0,
  };
}

/** Scores of a finished trial. A null `oob` means it was undefined. */
export type FinishedScores = {
  readonly train: number;
  readonly test: number;
  readonly oob: number | null;
};

export function trialFinished(
  spec: TrialSpec,
  workerId: number,
  atMs: number,
  scores: FinishedScores,
  elapsedMs = 1_200,
): EventOf<'trial-finished'> {
  return {
    kind: 'trial-finished',
    at: START_AT + atMs,
    trialId: spec.id,
    workerId,
    trees: spec.params.trees,
    elapsedMs,
    trainScore: scores.train,
    testScore: scores.test,
    oobScore: scores.oob,
    foldTestScores: [scores.test],
  };
}

export function trialFailed(
  spec: TrialSpec,
  atMs: number,
  error: string,
  options: { readonly attempt?: number; readonly willRetry?: boolean } = {},
): EventOf<'trial-failed'> {
  return {
    kind: 'trial-failed',
    at: START_AT + atMs,
    trialId: spec.id,
    workerId: 1,
    attempt: options.attempt ?? 1,
    error,
    willRetry: options.willRetry ?? false,
  };
}

export function runFinished(
  atMs: number,
  reason: 'completed' | 'stopped',
): EventOf<'run-finished'> {
  return { kind: 'run-finished', at: START_AT + atMs, reason };
}
