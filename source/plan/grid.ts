import type { TrialSpec } from './trial-spec.js';

export type GridOptions = {
  /** Forest sizes to try. */
  readonly trees: readonly number[];
  /** Features per tree to try. */
  readonly maxFeatures: readonly number[];
  /** Tree depths to try. */
  readonly maxDepth: readonly number[];
  /** Repeats of every combination, each with its own seed. */
  readonly seeds: number;
  /** Seed of the first repeat; repeat r uses seed + r. */
  readonly seed: number;
  /** Trees grown between two evaluations. */
  readonly chunkSize: number;
};

/**
 * Lists every combination of the grid as a trial. Ids follow plan order, so
 * the same options always give the same ids.
 */
export function planGrid(options: GridOptions): TrialSpec[] {
  const specs: TrialSpec[] = [];
  const total =
    options.trees.length *
    options.maxFeatures.length *
    options.maxDepth.length *
    options.seeds;
  const idWidth = String(total).length;

  for (let repeat = 0; repeat < options.seeds; repeat++) {
    for (const trees of options.trees) {
      for (const maxFeatures of options.maxFeatures) {
        for (const maxDepth of options.maxDepth) {
          const index = specs.length;
          specs.push({
            id: `t${String(index + 1).padStart(idWidth, '0')}`,
            index,
            params: {
              trees,
              maxFeatures,
              maxDepth,
              seed: options.seed + repeat,
            },
            chunkSize: Math.min(options.chunkSize, trees),
          });
        }
      }
    }
  }

  return specs;
}
