import { describe, expect, it } from 'vitest';

import { planGrid } from '../../source/plan/grid.js';

const options = {
  trees: [20, 40],
  maxFeatures: [1, 2, 3],
  maxDepth: [1, 2],
  seeds: 2,
  seed: 5,
  chunkSize: 30,
};

describe('planGrid', () => {
  it('lists every combination once per seed', () => {
    const specs = planGrid(options);
    const keys = specs.map(({ params }) => JSON.stringify(params));

    expect(specs).toHaveLength(2 * 3 * 2 * 2);
    expect(new Set(keys).size).toBe(specs.length);
  });

  it('numbers ids in plan order with equal width', () => {
    const specs = planGrid(options);

    expect(specs[0]!.id).toBe('t01');
    expect(specs[23]!.id).toBe('t24');
    expect(specs.map((spec) => spec.index)).toEqual(
      specs.map((_, index) => index),
    );
  });

  it('gives repeats consecutive seeds', () => {
    const seeds = new Set(planGrid(options).map((spec) => spec.params.seed));

    expect([...seeds]).toEqual([5, 6]);
  });

  it('caps the chunk at the forest size', () => {
    const specs = planGrid(options);

    expect(specs[0]!.chunkSize).toBe(20);
    expect(specs.at(-1)!.chunkSize).toBe(30);
  });
});
