import { expect, test } from 'vitest';
import {
  computeEffects,
  meanMsPerTree,
} from '../../source/analysis/effects.js';
import { createTestTrial } from '../ui/factories.js';
import { createCraftedTrials, FULL_GRID, scoreByDepth } from './sweeps.js';

test('groups scores by each value of maxDepth', () => {
  const grid = { ...FULL_GRID, trees: [100], maxFeatures: [2] };
  const trials = createCraftedTrials(grid, (params, index) =>
    params.maxDepth === 1 ? 0.6 + index / 1000 : 0.9,
  );
  const depth = computeEffects(trials).find(
    (effect) => effect.name === 'maxDepth',
  )!;

  expect(depth.values.map((value) => value.value)).toEqual([1, 2, 3, 4]);
  expect(depth.values[0]).toMatchObject({ count: 3, bestScore: 0.602 });
  expect(depth.values[0]!.meanScore).toBeCloseTo(0.601, 10);
  expect(depth.values[0]!.scoreSpread).toBeCloseTo(Math.sqrt(2 / 3) / 1000);
  expect(depth.values[3]).toMatchObject({
    count: 3,
    meanScore: 0.9,
    scoreSpread: 0,
  });
  expect(depth.meanRange).toBeCloseTo(0.299, 10);
  expect(depth.note).toBeNull();
});

test('lists every parameter in grid order', () => {
  const trials = createCraftedTrials(FULL_GRID, scoreByDepth);
  const names = computeEffects(trials).map((effect) => effect.name);

  expect(names).toEqual(['trees', 'maxFeatures', 'maxDepth', 'seed']);
});

test('measures training time per tree by value', () => {
  const trials = createCraftedTrials(FULL_GRID, scoreByDepth);
  const trees = computeEffects(trials).find(
    (effect) => effect.name === 'trees',
  )!;

  expect(trees.values.map((value) => value.msPerTree)).toEqual([2, 2]);
});

test('marks a parameter with one value', () => {
  const grid = { ...FULL_GRID, maxDepth: [5] };
  const trials = createCraftedTrials(grid, scoreByDepth);
  const depth = computeEffects(trials).find(
    (effect) => effect.name === 'maxDepth',
  )!;

  expect(depth.values).toHaveLength(1);
  expect(depth.meanRange).toBeNull();
  expect(depth.note).toBe('maxDepth has one value: no effect to measure');
});

test('marks every parameter without finished trials', () => {
  const effects = computeEffects([]);

  expect(effects.map((effect) => effect.note)).toEqual(
    Array(4).fill('no finished trials'),
  );
  expect(effects.every((effect) => effect.values.length === 0)).toBe(true);
});

test('leaves trials without time out of the cost', () => {
  const timed = createTestTrial({ elapsedMs: 400 });
  const untimed = createTestTrial({ elapsedMs: 0 });

  expect(meanMsPerTree([timed, untimed])).toBe(2);
  expect(meanMsPerTree([untimed])).toBeNull();
  expect(meanMsPerTree([])).toBeNull();
});
