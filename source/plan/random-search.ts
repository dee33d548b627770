import { MersenneTwister19937, sample } from 'random-js';

import type { TrialSpec } from './trial-spec.js';

/**
 * Picks `count` trials of a grid at random, each at most once, with a
 * seeded generator, so the same grid, count and seed give the same trials.
 * The picked trials keep their plan order and are numbered again from
 * `t1`, so ids stay short and dense. A count at least the grid's size keeps
 * every trial.
 */
export function sampleTrials(
  grid: readonly TrialSpec[],
  count: number,
  seed: number,
): TrialSpec[] {
  const picked =
    count >= grid.length
      ? [...grid]
      : sample(MersenneTwister19937.seed(seed), [...grid], count).sort(
          (a, b) => a.index - b.index,
        );
  const idWidth = String(picked.length).length;

  return picked.map((spec, index) => ({
    ...spec,
    id: `t${String(index + 1).padStart(idWidth, '0')}`,
    index,
  }));
}
