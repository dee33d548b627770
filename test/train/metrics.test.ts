import { describe, expect, it } from 'vitest';

import {
  accuracy,
  countConfusion,
  macroF1,
  rmse,
  rSquared,
} from '../../source/train/metrics.js';

describe('metrics', () => {
  it('scores classes by accuracy', () => {
    expect(accuracy([0, 1, 1, 2], [0, 1, 2, 2])).toBe(0.75);
    expect(() => accuracy([], [])).toThrow('zero rows');
  });

  it('scores regression by R² and RMSE', () => {
    const actual = [1, 2, 3, 4];

    expect(rSquared(actual, actual)).toBe(1);
    expect(rSquared([2.5, 2.5, 2.5, 2.5], actual)).toBe(0);
    expect(rSquared([4, 3, 2, 1], actual)).toBe(-3);
    expect(rmse([2, 3, 4, 5], actual)).toBe(1);
  });

  it('gives constant targets an R² of 1 only when they are matched', () => {
    expect(rSquared([5, 5], [5, 5])).toBe(1);
    expect(rSquared([4, 6], [5, 5])).toBe(0);
  });

  it('counts a confusion matrix by actual row and predicted column', () => {
    const confusion = countConfusion([0, 1, 1, 2, 0], [0, 1, 2, 2, 1], 3);

    expect(confusion).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [0, 1, 1],
    ]);
  });

  it('averages F1 over classes', () => {
    // Class 0: precision 1/2, recall 1 → 2/3. Class 1: 1/2, 1/2 → 1/2.
    // Class 2: precision 1, recall 1/2 → 2/3.
    const confusion = [
      [1, 0, 0],
      [1, 1, 0],
      [0, 1, 1],
    ];

    expect(macroF1(confusion)).toBeCloseTo((2 / 3 + 1 / 2 + 2 / 3) / 3, 12);
    expect(
      macroF1([
        [2, 0],
        [0, 3],
      ]),
    ).toBe(1);
  });

  it('leaves out classes that never occur and are never predicted', () => {
    expect(
      macroF1([
        [2, 0, 0],
        [0, 2, 0],
        [0, 0, 0],
      ]),
    ).toBe(1);
  });
});
