import { randomUUID } from 'node:crypto';

import type { Dataset, SplitData, Task } from './dataset.js';
import type { Fold } from './split.js';

/**
 * A data set and its folds in shared memory. Posting it to a worker thread
 * shares the buffers instead of copying them, so every trial of a run
 * reads the same bytes.
 */
export type SharedTable = {
  /** Differs between tables, so a worker can cache what it built from one. */
  readonly key: string;
  readonly task: Task;
  readonly classCount: number;
  readonly featureCount: number;
  readonly features: Float64Array;
  readonly targets: Float64Array;
  readonly folds: readonly Fold[];
};

/** Copies a data set and its folds into shared memory, once per run. */
export function shareTable(
  dataset: Dataset,
  folds: readonly Fold[],
): SharedTable {
  return {
    key: randomUUID(),
    task: dataset.task,
    classCount: dataset.classNames.length,
    featureCount: dataset.featureNames.length,
    features: toShared(dataset.features, Float64Array),
    targets: toShared(dataset.targets, Float64Array),
    folds: folds.map((fold) => ({
      train: toShared(fold.train, Int32Array),
      test: toShared(fold.test, Int32Array),
    })),
  };
}

/**
 * Builds the rows a forest takes for each fold. ml-random-forest wants
 * arrays of rows, so this copy is made once per worker and table, not once
 * per trial.
 */
export function splitTable(table: SharedTable): SplitData[] {
  const rowsOf = (rows: Int32Array) => {
    const features: number[][] = [];
    const targets: number[] = [];
    const width = table.featureCount;
    for (const row of rows) {
      features.push(
        Array.from(table.features.subarray(row * width, (row + 1) * width)),
      );
      targets.push(table.targets[row]!);
    }

    return { features, targets };
  };

  return table.folds.map((fold) => {
    const train = rowsOf(fold.train);
    const test = rowsOf(fold.test);

    return {
      trainFeatures: train.features,
      trainTargets: train.targets,
      testFeatures: test.features,
      testTargets: test.targets,
    };
  });
}

type TypedArrayOf<T> = {
  new (buffer: SharedArrayBuffer): T;
  readonly BYTES_PER_ELEMENT: number;
};

function toShared<T extends Float64Array | Int32Array>(
  values: T,
  Type: TypedArrayOf<T>,
): T {
  const shared = new Type(
    new SharedArrayBuffer(values.length * Type.BYTES_PER_ELEMENT),
  );
  shared.set(values as never);

  return shared;
}
