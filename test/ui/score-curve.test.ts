import { describe, expect, test } from 'vitest';
import { sampleCurve, scoreRange } from '../../source/ui/score-curve.js';

describe('scoreRange', () => {
  test('spans the curve with the best value on top', () => {
    expect(scoreRange([0.8, null, 0.9])).toEqual({ min: 0.8, max: 0.9 });
  });

  test('widens a flat curve to the smallest span', () => {
    const range = scoreRange([0.95, 0.95]);

    expect(range.max).toBe(0.95);
    expect(range.min).toBeCloseTo(0.9);
  });

  test('stops the floor at 0 once R² is above it', () => {
    expect(scoreRange([-3, 0.2, 0.6])).toEqual({ min: 0, max: 0.6 });
  });

  test('spans a curve that stays below 0', () => {
    expect(scoreRange([-0.9, -0.4])).toEqual({ min: -0.9, max: -0.4 });
  });

  test('falls back to 0 to 1 before any point', () => {
    expect(scoreRange([null, null])).toEqual({ min: 0, max: 1 });
  });
});

describe('sampleCurve', () => {
  test('takes the value at the end of each share', () => {
    expect(sampleCurve([1, 2, 3, 4, 5, 6], 3)).toEqual([2, 4, 6]);
  });

  test('keeps unmeasured shares empty', () => {
    expect(sampleCurve([1, 2, null, null], 2)).toEqual([2, null]);
  });
});
