import { describe, expect, it } from 'vitest';

import { planGrid } from '../../source/plan/grid.js';
import { sampleTrials } from '../../source/plan/random-search.js';

const grid = planGrid({
  trees: [50, 150, 450],
  maxFeatures: [1, 2, 3, 4],
  maxDepth: [1, 2, 3, 4],
  seeds: 3,
  seed: 1,
  chunkSize: 10,
});

const paramsOf = (specs: ReturnType<typeof sampleTrials>) =>
  specs.map((spec) => JSON.stringify(spec.params));

describe('sampleTrials', () => {
  it('picks the budget of distinct grid trials', () => {
    const picked = sampleTrials(grid, 20, 7);

    expect(picked).toHaveLength(20);
    expect(new Set(paramsOf(picked)).size).toBe(20);
    const gridParams = new Set(paramsOf(grid));
    for (const params of paramsOf(picked)) {
      expect(gridParams.has(params)).toBe(true);
    }
  });

  it('gives the same trials for the same seed and others for another', () => {
    expect(sampleTrials(grid, 20, 7)).toEqual(sampleTrials(grid, 20, 7));
    expect(paramsOf(sampleTrials(grid, 20, 8))).not.toEqual(
      paramsOf(sampleTrials(grid, 20, 7)),
    );
  });

  it('numbers the picked trials densely in plan order', () => {
    const picked = sampleTrials(grid, 12, 3);

    expect(picked.map((spec) => spec.id)).toEqual(
      Array.from(
        { length: 12 },
        (_, index) => `t${String(index + 1).padStart(2, '0')}`,
      ),
    );
    expect(picked.map((spec) => spec.index)).toEqual(
      Array.from({ length: 12 }, (_, index) => index),
    );
    const planOrder = picked.map((spec) =>
      grid.findIndex(
        (trial) => JSON.stringify(trial.params) === JSON.stringify(spec.params),
      ),
    );
    expect(planOrder).toEqual([...planOrder].sort((a, b) => a - b));
  });

  it('keeps the whole grid for a budget at least its size', () => {
    expect(paramsOf(sampleTrials(grid, 1_000, 1))).toEqual(paramsOf(grid));
  });
});
