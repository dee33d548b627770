import type { TrialParams } from '../plan/trial-spec.js';
import type { TrialState } from '../state/run-state.js';

/** A parameter of the sweep grid, as TrialParams names it. */
export type ParameterName = keyof TrialParams;

/** The grid's parameters, in the order the analysis lists them. */
export const PARAMETER_NAMES: readonly ParameterName[] = [
  'trees',
  'maxFeatures',
  'maxDepth',
  'seed',
];

/**
 * Returns the finished trials that have a finite test score, in plan
 * order. Failed, queued and running trials have no score to explain.
 */
export function selectScoredTrials(
  trials: readonly TrialState[],
): TrialState[] {
  return trials
    .filter(
      (trial) =>
        trial.status === 'finished' &&
        trial.testScore !== null &&
        Number.isFinite(trial.testScore),
    )
    .sort((a, b) => a.spec.index - b.spec.index);
}

/** Returns the distinct values a parameter takes, in ascending order. */
export function distinctValues(
  trials: readonly TrialState[],
  name: ParameterName,
): number[] {
  const values = new Set(trials.map((trial) => trial.spec.params[name]));

  return [...values].sort((a, b) => a - b);
}
