import { MersenneTwister19937, shuffle, type Engine } from 'random-js';

import type { Evaluation } from '../plan/evaluation.js';
import type { Dataset } from './dataset.js';

/** Rows a forest trains on and rows it is tested on, as row numbers. */
export type Fold = {
  readonly train: Int32Array;
  readonly test: Int32Array;
};

/** Regression targets are split within this many bands of similar value. */
const REGRESSION_STRATA = 10;

/**
 * Splits the rows for an evaluation: one fold for a held-out split, `k`
 * folds for k-fold cross-validation, in which every row is tested exactly
 * once. Both are stratified: each class, or each band of regression
 * targets, keeps its share in every part. The same seed gives the same
 * folds.
 */
export function splitRows(
  dataset: Dataset,
  evaluation: Evaluation,
  seed: number,
): Fold[] {
  const engine = MersenneTwister19937.seed(seed);
  const strata = stratify(dataset);

  return evaluation.kind === 'holdout'
    ? [holdOut(engine, strata, evaluation.testFraction)]
    : crossValidationFolds(engine, strata, evaluation.folds);
}

function holdOut(
  engine: Engine,
  strata: number[][],
  testFraction: number,
): Fold {
  const train: number[] = [];
  const test: number[] = [];
  for (const rows of strata) {
    shuffle(engine, rows);
    const testCount = Math.round(rows.length * testFraction);
    test.push(...rows.slice(0, testCount));
    train.push(...rows.slice(testCount));
  }

  return toFold(engine, train, test);
}

function crossValidationFolds(
  engine: Engine,
  strata: number[][],
  folds: number,
): Fold[] {
  const parts: number[][] = Array.from({ length: folds }, () => []);
  // Dealing continues across strata, so the folds differ by one row at most.
  let next = 0;
  for (const rows of strata) {
    shuffle(engine, rows);
    for (const row of rows) {
      parts[next % folds]!.push(row);
      next += 1;
    }
  }

  return parts.map((test, fold) => {
    const train = parts.filter((_, other) => other !== fold).flat();

    return toFold(engine, train, [...test]);
  });
}

/** Shuffles both parts: bagging reads rows in order, and strata sit in blocks. */
function toFold(engine: Engine, train: number[], test: number[]): Fold {
  shuffle(engine, train);
  shuffle(engine, test);

  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

/** Groups rows by class, or by band of target value for regression. */
function stratify(dataset: Dataset): number[][] {
  const { targets, rowCount } = dataset;
  const rows = Array.from({ length: rowCount }, (_, row) => row);

  if (dataset.task === 'classification') {
    const groups = new Map<number, number[]>();
    for (const row of rows) {
      const label = targets[row]!;
      const group = groups.get(label) ?? [];
      group.push(row);
      groups.set(label, group);
    }

    return [...groups.keys()]
      .sort((a, b) => a - b)
      .map((label) => groups.get(label)!);
  }

  rows.sort((a, b) => targets[a]! - targets[b]! || a - b);
  const bandSize = Math.ceil(rowCount / REGRESSION_STRATA);

  return Array.from({ length: Math.ceil(rowCount / bandSize) }, (_, band) =>
    rows.slice(band * bandSize, (band + 1) * bandSize),
  );
}
