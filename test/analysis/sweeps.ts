import type { TrialParams } from '../../source/plan/trial-spec.js';
import type { RunState, TrialState } from '../../source/state/run-state.js';
import {
  createTestRunState,
  createTestSpec,
  createTestTrial,
} from '../ui/factories.js';

/** Values of each parameter in a crafted sweep. */
export type CraftedGrid = {
  readonly trees: readonly number[];
  readonly maxFeatures: readonly number[];
  readonly maxDepth: readonly number[];
  readonly seed: readonly number[];
};

export const FULL_GRID: CraftedGrid = {
  trees: [50, 100],
  maxFeatures: [1, 2],
  maxDepth: [1, 2, 3, 4],
  seed: [1, 2, 3],
};

/**
 * Returns finished trials for every combination of the grid, in plan
 * order, each scored by `scoreOf` and taking 2 ms per tree.
 */
export function createCraftedTrials(
  grid: CraftedGrid,
  scoreOf: (params: TrialParams, index: number) => number,
): TrialState[] {
  const trials: TrialState[] = [];
  for (const trees of grid.trees) {
    for (const maxFeatures of grid.maxFeatures) {
      for (const maxDepth of grid.maxDepth) {
        for (const seed of grid.seed) {
          const index = trials.length;
          const params = { trees, maxFeatures, maxDepth, seed };
          trials.push(
            createTestTrial({
              spec: createTestSpec({ index, params }),
              status: 'finished',
              treesDone: trees,
              testScore: scoreOf(params, index),
              elapsedMs: trees * 2,
            }),
          );
        }
      }
    }
  }

  return trials;
}

/** Returns a run state holding the trials, ended unless `isRunning`. */
export function createStateOf(
  trials: readonly TrialState[],
  isRunning = false,
): RunState {
  return createTestRunState({
    trialIds: trials.map((trial) => trial.spec.id),
    trials: Object.fromEntries(trials.map((trial) => [trial.spec.id, trial])),
    finishedAt: isRunning ? null : 1,
    finishReason: isRunning ? null : 'completed',
  });
}

/**
 * Scores a trial mostly by its depth, a little by trees and features, and
 * not at all by its seed. Noise of up to ±0.01 follows the plan index.
 */
export function scoreByDepth(params: TrialParams, index: number): number {
  const noise = (((index * 7919) % 21) - 10) / 1000;

  return (
    0.5 +
    0.1 * params.maxDepth +
    0.02 * (params.trees / 50) +
    0.01 * params.maxFeatures +
    noise
  );
}
