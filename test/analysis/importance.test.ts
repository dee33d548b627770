import { expect, test } from 'vitest';
import {
  MAX_MODEL_TRIALS,
  MIN_IMPORTANCE_TRIALS,
  rankImportance,
} from '../../source/analysis/importance.js';
import { createCraftedTrials, FULL_GRID, scoreByDepth } from './sweeps.js';

test('ranks maxDepth first and seed last', () => {
  const trials = createCraftedTrials(FULL_GRID, scoreByDepth);
  const { ranking, reason } = rankImportance(trials);

  expect(reason).toBeNull();
  expect(ranking.map((entry) => entry.name)).toHaveLength(4);
  expect(ranking[0]!.name).toBe('maxDepth');
  expect(ranking[3]!.name).toBe('seed');
  expect(ranking[0]!.share).toBeGreaterThan(0.8);
  expect(ranking[3]!.share).toBeLessThan(0.05);
});

test('shares of importance add up to one', () => {
  const trials = createCraftedTrials(FULL_GRID, scoreByDepth);
  const total = rankImportance(trials).ranking.reduce(
    (sum, entry) => sum + entry.share,
    0,
  );

  expect(total).toBeCloseTo(1, 10);
});

test('gives the same ranking for the same trials', () => {
  const trials = createCraftedTrials(FULL_GRID, scoreByDepth);

  expect(rankImportance(trials)).toEqual(rankImportance(trials));
});

test('ranks only parameters with several values', () => {
  const grid = { ...FULL_GRID, trees: [100], maxFeatures: [2] };
  const trials = createCraftedTrials(grid, scoreByDepth);
  const names = rankImportance(trials).ranking.map((entry) => entry.name);

  expect(names).toEqual(['maxDepth', 'seed']);
});

test('needs a minimum of finished trials', () => {
  const trials = createCraftedTrials(FULL_GRID, scoreByDepth).slice(
    0,
    MIN_IMPORTANCE_TRIALS - 1,
  );
  const result = rankImportance(trials);

  expect(result.ranking).toEqual([]);
  expect(result.reason).toBe(
    `needs at least ${MIN_IMPORTANCE_TRIALS} finished trials, has ` +
      `${MIN_IMPORTANCE_TRIALS - 1}`,
  );
});

test('explains nothing when all scores are equal', () => {
  const trials = createCraftedTrials(FULL_GRID, () => 0.9);
  const result = rankImportance(trials);

  expect(result.ranking).toEqual([]);
  expect(result.reason).toBe(
    'all 48 test scores are equal: nothing to explain',
  );
});

test('needs a parameter with several values', () => {
  const grid = { trees: [100], maxFeatures: [2], maxDepth: [3], seed: [1] };
  const trials = createCraftedTrials(grid, scoreByDepth);
  const repeated = Array.from({ length: 10 }, () => trials[0]!);
  const result = rankImportance(repeated);

  expect(result.ranking).toEqual([]);
  expect(result.reason).toBe(
    'every parameter has one value: no effect to measure',
  );
});

test('fits a large sweep on a sample', () => {
  const seed = Array.from({ length: 11 }, (_, index) => index + 1);
  const grid = { ...FULL_GRID, trees: [50, 100, 150], seed };
  const trials = createCraftedTrials(grid, scoreByDepth);
  const result = rankImportance(trials);

  expect(trials.length).toBeGreaterThan(MAX_MODEL_TRIALS);
  expect(result.modelTrials).toBe(MAX_MODEL_TRIALS);
  expect(result.ranking[0]!.name).toBe('maxDepth');
  expect(result.ranking.at(-1)!.name).toBe('seed');
});
