/** A classification data set: one row of numeric features per sample. */
export type Dataset = {
  readonly name: string;
  readonly featureNames: readonly string[];
  /** Class names, indexed by label. */
  readonly classNames: readonly string[];
  readonly features: readonly (readonly number[])[];
  /** Class index of each row, into `classNames`. */
  readonly labels: readonly number[];
};

/** Rows and labels of a train/test split, as sent to every worker. */
export type SplitData = {
  readonly trainFeatures: number[][];
  readonly trainLabels: number[];
  readonly testFeatures: number[][];
  readonly testLabels: number[];
};
