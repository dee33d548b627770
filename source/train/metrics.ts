import type { Task } from '../data/dataset.js';

/** Share of rows whose predicted class is the actual class. */
export function accuracy(
  predicted: ArrayLike<number>,
  actual: ArrayLike<number>,
): number {
  requireRows(actual);
  let correct = 0;
  for (let row = 0; row < actual.length; row += 1) {
    if (predicted[row] === actual[row]) {
      correct += 1;
    }
  }

  return correct / actual.length;
}

/**
 * Coefficient of determination: 1 for a perfect fit, 0 for predicting the
 * mean, negative for worse. Targets that are all equal give 1 when every
 * prediction matches them and 0 otherwise.
 */
export function rSquared(
  predicted: ArrayLike<number>,
  actual: ArrayLike<number>,
): number {
  requireRows(actual);
  const mean = sum(actual) / actual.length;
  let residual = 0;
  let total = 0;
  for (let row = 0; row < actual.length; row += 1) {
    residual += (actual[row]! - predicted[row]!) ** 2;
    total += (actual[row]! - mean) ** 2;
  }

  if (total === 0) {
    return residual === 0 ? 1 : 0;
  }

  return 1 - residual / total;
}

/** Root mean squared error. */
export function rmse(
  predicted: ArrayLike<number>,
  actual: ArrayLike<number>,
): number {
  requireRows(actual);
  let squares = 0;
  for (let row = 0; row < actual.length; row += 1) {
    squares += (actual[row]! - predicted[row]!) ** 2;
  }

  return Math.sqrt(squares / actual.length);
}

/** The task's score: accuracy for classification, R² for regression. */
export function score(
  task: Task,
  predicted: ArrayLike<number>,
  actual: ArrayLike<number>,
): number {
  return task === 'classification'
    ? accuracy(predicted, actual)
    : rSquared(predicted, actual);
}

/**
 * Counts rows by actual class (row of the matrix) and predicted class
 * (column). Adds to `into` when given, so folds can share one matrix.
 */
export function countConfusion(
  predicted: ArrayLike<number>,
  actual: ArrayLike<number>,
  classCount: number,
  into: number[][] = emptyConfusion(classCount),
): number[][] {
  for (let row = 0; row < actual.length; row += 1) {
    into[actual[row]!]![predicted[row]!]! += 1;
  }

  return into;
}

export function emptyConfusion(classCount: number): number[][] {
  return Array.from({ length: classCount }, () =>
    new Array<number>(classCount).fill(0),
  );
}

/**
 * Mean of the per-class F1 scores. A class with no rows and no predictions
 * is left out; one that was predicted but never right scores 0.
 */
export function macroF1(confusion: readonly (readonly number[])[]): number {
  const scores: number[] = [];
  confusion.forEach((actualRow, label) => {
    const truePositives = actualRow[label]!;
    const actualCount = sum(actualRow);
    const predictedCount = sum(confusion.map((row) => row[label]!));
    if (actualCount + predictedCount > 0) {
      scores.push((2 * truePositives) / (actualCount + predictedCount));
    }
  });

  return scores.length === 0 ? 0 : sum(scores) / scores.length;
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let index = 0; index < values.length; index += 1) {
    total += values[index]!;
  }

  return total;
}

function requireRows(actual: ArrayLike<number>): void {
  if (actual.length === 0) {
    throw new RangeError('Cannot score a forest on zero rows.');
  }
}
