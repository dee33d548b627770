import { describe, expect, test } from 'vitest';
import {
  describeAllData,
  describeData,
  describeEvaluation,
} from '../../source/ui/data-summary.js';
import { textWidth } from '../../source/ui/text-cells.js';
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

describe('describeData with a long name', () => {
  const data = createRegressionData({
    name: 'boston_housing_prices_2024_cleaned_final.csv',
    rowCount: 506,
  });

  test.each([
    [
      80,
      'boston_housing_prices_2024_cleaned_final.csv · 506 rows · ' +
        'regression · 5-fold CV',
    ],
    [60, 'boston_housing_prices_2024_cleaned_final.csv · 5-fold CV'],
    [40, 'boston_housing…ned_final.csv · 5-fold CV'],
    [24, 'boston…l.csv · 5-fold CV'],
    [23, '5-fold CV'],
  ])('fits %d cells', (cells, expected) => {
    expect(describeData(data, cells)).toBe(expected);
  });

  test('measures a wide name by cells', () => {
    const wide = createRegressionData({ name: '東京の天気の記録.csv' });

    const text = describeData(wide, 30);

    // The name gets 18 cells, and "の" would take the 18th and a 19th.
    expect(text).toBe('東京の天…記録.csv · 5-fold CV');
    expect(textWidth(text)).toBe(29);
  });
});

describe('describeAllData', () => {
  const data = createRegressionData({
    name: 'boston_housing_prices_2024_cleaned_final.csv',
    rowCount: 506,
  });

  test('keeps every part and cuts the name', () => {
    const text = describeAllData(data, 60);

    expect(text).toBe(
      'boston_housi…d_final.csv · 506 rows · regression · 5-fold CV',
    );
    expect(textWidth(text)).toBe(60);
  });

  test('leaves a short name whole', () => {
    expect(describeAllData(createRegressionData(), 60)).toBe(
      'housing.csv · 506 rows · regression · 5-fold CV',
    );
  });

  test('keeps some of the name on a narrow line', () => {
    expect(describeAllData(data, 20)).toBe(
      'boston…l.csv · 506 rows · regression · 5-fold CV',
    );
  });
});
