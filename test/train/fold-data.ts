import type { Dataset, SplitData } from '../../source/data/dataset.js';
import { shareTable, splitTable } from '../../source/data/shared-table.js';
import { splitRows } from '../../source/data/split.js';
import type { Evaluation } from '../../source/plan/evaluation.js';
import type { TrialData } from '../../source/train/trial-forests.js';

/** The rows of each fold, as a worker builds them from a shared table. */
export function foldData(
  dataset: Dataset,
  evaluation: Evaluation = { kind: 'holdout', testFraction: 0.2 },
  seed = 1,
): SplitData[] {
  return splitTable(shareTable(dataset, splitRows(dataset, evaluation, seed)));
}

export function trialData(
  dataset: Dataset,
  evaluation?: Evaluation,
  seed?: number,
): TrialData {
  return {
    task: dataset.task,
    classCount: dataset.classNames.length,
    folds: foldData(dataset, evaluation, seed),
  };
}

/**
 * A regression table: y = 3·x0 − 2·x1 + noise, with x2 as pure noise.
 * Deterministic, so tests can assert on how well a forest fits it.
 */
export function linearDataset(rowCount = 200): Dataset {
  const width = 3;
  const features = new Float64Array(rowCount * width);
  const targets = new Float64Array(rowCount);
  let state = 12345;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  for (let row = 0; row < rowCount; row += 1) {
    const x = [random() * 10, random() * 10, random() * 10];
    features.set(x, row * width);
    targets[row] = 3 * x[0]! - 2 * x[1]! + (random() - 0.5);
  }

  return {
    name: 'linear',
    task: 'regression',
    featureNames: ['x0', 'x1', 'noise'],
    classNames: [],
    rowCount,
    features,
    targets,
  };
}
