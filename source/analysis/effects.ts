import type { TrialState } from '../state/run-state.js';
import { mean, standardDeviation } from '../state/statistics.js';
import {
  distinctValues,
  PARAMETER_NAMES,
  type ParameterName,
} from './parameters.js';

/** Scores and cost of the finished trials with one value of a parameter. */
export type ValueEffect = {
  readonly value: number;
  /** Finished trials with this value; at least 1. */
  readonly count: number;
  /** Mean test score: accuracy for classification, R² for regression. */
  readonly meanScore: number;
  /** Population standard deviation of the test scores; 0 for one trial. */
  readonly scoreSpread: number;
  readonly bestScore: number;
  /**
   * Mean training time per tree of the finished forest, in ms, every fold
   * included; null when no trial with this value recorded any time.
   */
  readonly msPerTree: number | null;
};

/** One parameter's effect on the test score, value by value. */
export type ParameterEffect = {
  readonly name: ParameterName;
  /** One entry per value the finished trials used, ascending. */
  readonly values: readonly ValueEffect[];
  /**
   * Highest mean score minus lowest mean score over the values; null while
   * fewer than two values were tried.
   */
  readonly meanRange: number | null;
  /** The reason no effect can be measured, or null when one can. */
  readonly note: string | null;
};

/**
 * Groups scored trials by each parameter's value. Pass only finished trials
 * with a finite test score, as selectScoredTrials returns them.
 */
export function computeEffects(
  scoredTrials: readonly TrialState[],
): ParameterEffect[] {
  return PARAMETER_NAMES.map((name) => computeEffect(scoredTrials, name));
}

function computeEffect(
  trials: readonly TrialState[],
  name: ParameterName,
): ParameterEffect {
  const values = distinctValues(trials, name).map((value) =>
    summarizeValue(
      value,
      trials.filter((trial) => trial.spec.params[name] === value),
    ),
  );
  if (values.length === 0) {
    return { name, values, meanRange: null, note: 'no finished trials' };
  }

  if (values.length === 1) {
    const note = `${name} has one value: no effect to measure`;

    return { name, values, meanRange: null, note };
  }

  const means = values.map((value) => value.meanScore);

  return {
    name,
    values,
    meanRange: Math.max(...means) - Math.min(...means),
    note: null,
  };
}

function summarizeValue(
  value: number,
  trials: readonly TrialState[],
): ValueEffect {
  const scores = trials.map((trial) => trial.testScore ?? 0);

  return {
    value,
    count: trials.length,
    meanScore: mean(scores),
    scoreSpread: standardDeviation(scores),
    bestScore: Math.max(...scores),
    msPerTree: meanMsPerTree(trials),
  };
}

/**
 * Returns the mean over trials of training time divided by trees, in ms.
 * Trials without trees or without a recorded time are left out, so the
 * result is null rather than 0 when none is left.
 */
export function meanMsPerTree(trials: readonly TrialState[]): number | null {
  const costs = trials
    .filter((trial) => trial.spec.params.trees > 0 && trial.elapsedMs > 0)
    .map((trial) => trial.elapsedMs / trial.spec.params.trees);

  return costs.length === 0 ? null : mean(costs);
}
