import { describe, expect, test } from 'vitest';
import {
  describeData,
  describeEvaluation,
} from '../../source/ui/data-summary.js';
import { createRegressionData } from './factories.js';

describe('describeEvaluation', () => {
  test('names the folds of cross-validation', () => {
    expect(describeEvaluation({ kind: 'cv', folds: 5 })).toBe('5-fold CV');
  });

  test('names the share held out', () => {
    expect(describeEvaluation({ kind: 'holdout', testFraction: 0.25 })).toBe(
      'hold-out 25%',
    );
  });
});

describe('describeData', () => {
  const data = createRegressionData({ name: 'wine.csv', rowCount: 178 });

  test.each([
    [80, 'wine.csv · 178 rows · regression · 5-fold CV'],
    [43, 'wine.csv · 178 rows · 5-fold CV'],
    [30, 'wine.csv · 5-fold CV'],
    [15, '5-fold CV'],
    [8, ''],
  ])('fits %d cells', (cells, expected) => {
    expect(describeData(data, cells)).toBe(expected);
  });
});
