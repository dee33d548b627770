/** Parameters of one random-forest trial. */
export type TrialParams = {
  /** Number of trees in the finished forest. */
  readonly trees: number;
  /** Features drawn (without replacement) for each tree, out of all. */
  readonly maxFeatures: number;
  /** Maximum depth of each tree. */
  readonly maxDepth: number;
  /** Seed of the tree-level randomness (bagging and feature draws). */
  readonly seed: number;
};

/** One trial of a sweep, as the plan hands it to a runner. */
export type TrialSpec = {
  /** Stable id, unique within the run, such as `t07`. */
  readonly id: string;
  /** Position in the plan, from 0. */
  readonly index: number;
  readonly params: TrialParams;
  /** Trees grown between two evaluations. */
  readonly chunkSize: number;
};
