import { RandomForestRegression } from 'ml-random-forest';
import { MersenneTwister19937, sample, shuffle } from 'random-js';

import type { TrialState } from '../state/run-state.js';
import { mean } from '../state/statistics.js';
import {
  distinctValues,
  PARAMETER_NAMES,
  type ParameterName,
} from './parameters.js';

/**
 * Minimum scored trials the importance model is fitted to. With fewer, a
 * forest of four inputs mostly fits noise; the number is a judgement, not a
 * measured threshold.
 */
export const MIN_IMPORTANCE_TRIALS = 8;

/**
 * Maximum trials the importance model is fitted to. A larger sweep is
 * represented by a seeded sample of this many. ml-cart's split search grows faster than
 * linearly with rows: in a one-off timing on a 2-core VM, a 30-tree model took
 * 0.17 s on 240 trials and 0.66 s on 480. The monitor fits it on the
 * render thread.
 */
export const MAX_MODEL_TRIALS = 240;

/** Trees of the importance model, and the seed of its bagging. */
const MODEL_TREES = 30;
const MODEL_SEED = 1;
const SAMPLE_SEED = 3;

/** Shuffles of each column, averaged, and the seed of the first. */
const SHUFFLE_REPEATS = 5;
const SHUFFLE_SEED = 7;

/** Score variance below which the scores count as all equal. */
const EQUAL_SCORES_VARIANCE = 1e-12;

/** How much the model relies on one parameter. */
export type ParameterImportance = {
  readonly name: ParameterName;
  /** Mean increase of the model's mean squared error when shuffled. */
  readonly errorIncrease: number;
  /** errorIncrease as a share of the sum over all ranked parameters, 0–1. */
  readonly share: number;
};

/** Parameters ranked by importance, or the reason there is no ranking. */
export type ImportanceResult = {
  /** Most important first; empty when `reason` is set. */
  readonly ranking: readonly ParameterImportance[];
  /** The reason no ranking can be given, or null when there is one. */
  readonly reason: string | null;
  /** Trials the model was fitted to: all, or MAX_MODEL_TRIALS of them. */
  readonly modelTrials: number;
};

/**
 * Ranks the parameters that vary by permutation importance: it fits a
 * random-forest regression of the test score on the trial parameters, then
 * shuffles one parameter's column at a time and measures how much the
 * model's mean squared error grows. The same trials give the same result,
 * because the forest and the shuffles are seeded.
 *
 * NOTE: the error is measured on the trials the model was fitted to, so an
 * importance measures how much the model uses a parameter, not how well
 * the parameter predicts scores of trials not yet run.
 */
export function rankImportance(
  scoredTrials: readonly TrialState[],
): ImportanceResult {
  const reason = checkImportanceInput(scoredTrials);
  if (reason !== null) {
    return { ranking: [], reason, modelTrials: 0 };
  }

  const trials = sampleTrials(scoredTrials);
  const names = PARAMETER_NAMES.filter(
    (name) => distinctValues(trials, name).length > 1,
  );
  const rows = trials.map((trial) =>
    names.map((name) => trial.spec.params[name]),
  );
  const scores = trials.map((trial) => trial.testScore ?? 0);
  const increases = measureIncreases(rows, scores, names.length);

  return { ...shareOut(names, increases), modelTrials: trials.length };
}

/**
 * Returns the trials, or a seeded random sample of MAX_MODEL_TRIALS of them
 * in plan order. Random rather than every k-th, because every k-th trial of
 * a grid can miss whole values of a parameter.
 */
function sampleTrials(trials: readonly TrialState[]): readonly TrialState[] {
  if (trials.length <= MAX_MODEL_TRIALS) {
    return trials;
  }

  const engine = MersenneTwister19937.seed(SAMPLE_SEED);

  return sample(engine, trials, MAX_MODEL_TRIALS).sort(
    (a, b) => a.spec.index - b.spec.index,
  );
}

/** Returns why the trials cannot be ranked, or null when they can. */
function checkImportanceInput(trials: readonly TrialState[]): string | null {
  if (trials.length < MIN_IMPORTANCE_TRIALS) {
    return (
      `needs at least ${MIN_IMPORTANCE_TRIALS} finished trials, ` +
      `has ${trials.length}`
    );
  }

  const isVaried = PARAMETER_NAMES.some(
    (name) => distinctValues(trials, name).length > 1,
  );
  if (!isVaried) {
    return 'every parameter has one value: no effect to measure';
  }

  const scores = trials.map((trial) => trial.testScore ?? 0);
  const center = mean(scores);
  const variance = mean(scores.map((score) => (score - center) ** 2));
  if (variance < EQUAL_SCORES_VARIANCE) {
    return `all ${trials.length} test scores are equal: nothing to explain`;
  }

  return null;
}

function measureIncreases(
  rows: readonly number[][],
  scores: readonly number[],
  columnCount: number,
): number[] {
  const model = new RandomForestRegression({
    nEstimators: MODEL_TREES,
    // ml-random-forest 2.1.0 draws features per tree, not per split, and
    // reads 1 as a share, so either way every tree is trained on every
    // parameter.
    maxFeatures: columnCount,
    replacement: false,
    useSampleBagging: true,
    noOOB: true,
    seed: MODEL_SEED,
  });
  model.train(
    rows.map((row) => [...row]),
    [...scores],
  );
  const baseError = meanSquaredError(
    model.predict(rows.map((row) => [...row])),
    scores,
  );

  const engine = MersenneTwister19937.seed(SHUFFLE_SEED);

  return Array.from({ length: columnCount }, (_, column) => {
    const errors = Array.from({ length: SHUFFLE_REPEATS }, () => {
      const shuffled = shuffle(
        engine,
        rows.map((row) => row[column]!),
      );
      const permuted = rows.map((row, index) =>
        row.map((value, at) => (at === column ? shuffled[index]! : value)),
      );

      return meanSquaredError(model.predict(permuted), scores);
    });

    return Math.max(0, mean(errors) - baseError);
  });
}

/** Ranks parameters by error increase, each with its share of the total. */
function shareOut(
  names: readonly ParameterName[],
  increases: readonly number[],
): Omit<ImportanceResult, 'modelTrials'> {
  const total = increases.reduce((sum, increase) => sum + increase, 0);
  if (!(total > 0)) {
    return {
      ranking: [],
      reason: "shuffling no parameter changed the model's error",
    };
  }

  const ranking = names
    .map((name, index) => ({
      name,
      errorIncrease: increases[index]!,
      share: increases[index]! / total,
    }))
    .sort((a, b) => b.errorIncrease - a.errorIncrease);

  return { ranking, reason: null };
}

function meanSquaredError(
  predicted: readonly number[],
  actual: readonly number[],
): number {
  return mean(actual.map((value, index) => (value - predicted[index]!) ** 2));
}
