/** What a forest learns: class labels, or a number. */
export type Task = 'classification' | 'regression';

/**
 * A table ready to train on: one row of numeric features per sample and one
 * target per row. Values sit in flat typed arrays, so the table can live in
 * shared memory and reach every worker thread without a copy.
 */
export type Dataset = {
  /** Short name for the monitor, such as `iris` or `wine.csv`. */
  readonly name: string;
  readonly task: Task;
  readonly featureNames: readonly string[];
  /** Class names indexed by class number; empty for regression. */
  readonly classNames: readonly string[];
  readonly rowCount: number;
  /** Row-major: feature `f` of row `r` is at `r * featureCount + f`. */
  readonly features: Float64Array;
  /** Class number (classification) or value (regression) of each row. */
  readonly targets: Float64Array;
};

/** Rows and targets of one train/test split, as a forest takes them. */
export type SplitData = {
  readonly trainFeatures: number[][];
  readonly trainTargets: number[];
  readonly testFeatures: number[][];
  readonly testTargets: number[];
};

/** Returns the features of one row as a plain array. */
export function featureRow(dataset: Dataset, row: number): number[] {
  const width = dataset.featureNames.length;

  return Array.from(dataset.features.subarray(row * width, (row + 1) * width));
}
