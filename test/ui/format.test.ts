import { describe, expect, test } from 'vitest';
import {
  foldSpread,
  formatBytes,
  formatBytesOf,
  formatDuration,
  formatError,
  formatPercent,
  formatRunningScore,
  formatScore,
  formatScoreWithSpread,
  formatTrialMetric,
  formatTrialParams,
  toOneLine,
  formatTrainingTime,
} from '../../source/ui/format.js';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

describe('formatBytes', () => {
  test.each([
    [0, '0 B'],
    [512, '512 B'],
    [1536, '1.5 KiB'],
    [120 * MIB, '120 MiB'],
    [1.2 * GIB, '1.2 GiB'],
    [16 * GIB, '16.0 GiB'],
  ])('formats %d bytes as %s', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });

  test('shows N/A for a missing reading', () => {
    expect(formatBytes(null)).toBe('N/A');
    expect(formatBytes(Number.NaN)).toBe('N/A');
    expect(formatBytes(-1)).toBe('N/A');
  });
});

describe('formatBytesOf', () => {
  test('uses the unit of the total', () => {
    expect(formatBytesOf(9.3 * GIB, 16 * GIB)).toBe('9.3/16.0 GiB');
    expect(formatBytesOf(512 * MIB, 2 * GIB)).toBe('0.5/2.0 GiB');
  });

  test('shows N/A when either side is missing', () => {
    expect(formatBytesOf(null, 16 * GIB)).toBe('N/A');
    expect(formatBytesOf(GIB, null)).toBe('N/A');
    expect(formatBytesOf(GIB, 0)).toBe('N/A');
  });
});

describe('formatDuration', () => {
  test.each([
    [0, '0s'],
    [999, '0s'],
    [12_000, '12s'],
    [65_000, '1m05s'],
    [3_720_000, '1h02m'],
    [183_600_000, '2d03h'],
  ])('formats %d ms as %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  test('shows N/A for a missing or negative time', () => {
    expect(formatDuration(null)).toBe('N/A');
    expect(formatDuration(-5)).toBe('N/A');
  });
});

describe('formatPercent', () => {
  test('rounds to a whole percent', () => {
    expect(formatPercent(41.6)).toBe('42%');
    expect(formatPercent(0)).toBe('0%');
  });

  test('shows N/A for a missing reading, never 0%', () => {
    expect(formatPercent(null)).toBe('N/A');
  });
});

describe('formatScore', () => {
  test('shows three decimals', () => {
    expect(formatScore(0.96666)).toBe('0.967');
    expect(formatScore(1)).toBe('1.000');
  });

  test('keeps the sign of a negative R²', () => {
    expect(formatScore(-0.1234)).toBe('-0.123');
    expect(formatScore(-3.5)).toBe('-3.500');
  });

  test.each([
    [-12.345, '-12.35'],
    [-123.45, '-123.5'],
    [-1234.5, '-1235'],
    [-9.99961, '-10.00'],
  ])('drops decimals to fit %d in six cells', (score, expected) => {
    expect(formatScore(score)).toBe(expected);
  });

  test('shows N/A for a missing score', () => {
    expect(formatScore(null)).toBe('N/A');
    expect(formatScore(Number.NaN)).toBe('N/A');
  });
});

describe('formatRunningScore', () => {
  test('shows three decimals once measured', () => {
    expect(formatRunningScore(0.9)).toBe('0.900');
    expect(formatRunningScore(-0.25)).toBe('-0.250');
  });

  test('shows a dash before the first chunk', () => {
    expect(formatRunningScore(null)).toBe('—');
  });
});

describe('formatScoreWithSpread', () => {
  test('adds the spread of several folds', () => {
    expect(formatScoreWithSpread(0.95, [0.9, 0.95, 1])).toBe('0.950±0.041');
  });

  test('shows one fold without a spread', () => {
    expect(formatScoreWithSpread(0.95, [0.95])).toBe('0.950');
  });

  test('shows N/A without a score', () => {
    expect(formatScoreWithSpread(null, [0.9, 1])).toBe('N/A');
  });
});

describe('foldSpread', () => {
  test('is the population standard deviation', () => {
    expect(foldSpread([1, 3])).toBe(1);
  });

  test('is null for fewer than two folds', () => {
    expect(foldSpread([0.9])).toBeNull();
    expect(foldSpread([])).toBeNull();
  });
});

describe('formatError', () => {
  test.each([
    [0.41234, '0.412'],
    [12.345, '12.3'],
    [1234.5, '1.23e+3'],
    [12_345, '1.23e+4'],
    [0.000_123_4, '1.23e-4'],
  ])('formats %d as %s', (error, expected) => {
    expect(formatError(error)).toBe(expected);
  });

  test('shows N/A for a missing error', () => {
    expect(formatError(null)).toBe('N/A');
  });
});

describe('formatTrialMetric', () => {
  test('shows macro F1 for classification', () => {
    const metrics = {
      task: 'classification',
      macroF1: 0.9512,
      confusion: [],
    } as const;

    expect(formatTrialMetric(metrics)).toBe('0.951');
  });

  test('shows test RMSE for regression', () => {
    const metrics = {
      task: 'regression',
      trainRmse: 1,
      testRmse: 2.5,
    } as const;

    expect(formatTrialMetric(metrics)).toBe('2.50');
  });

  test('shows N/A when not recorded', () => {
    expect(formatTrialMetric(null)).toBe('N/A');
  });
});

test('formatTrialParams writes one letter a parameter', () => {
  const params = { trees: 200, maxFeatures: 2, maxDepth: 3, seed: 1 };

  expect(formatTrialParams(params)).toBe('T200 f2 d3 s1');
});

test('toOneLine joins lines of an error', () => {
  expect(toOneLine('Failed to train:\n  out of memory\n')).toBe(
    'Failed to train: out of memory',
  );
});

describe('formatTrainingTime', () => {
  const cases: [number, string][] = [
    [0, '0.0s'],
    [1_234, '1.2s'],
    [59_940, '59.9s'],
    [59_960, '1m00s'],
    [65_000, '1m05s'],
    [3_599_400, '59m59s'],
    [3_599_600, '1h00m'],
    [7_380_000, '2h03m'],
    [-5, '0.0s'],
  ];

  for (const [durationMs, text] of cases) {
    test(`formats ${durationMs} ms as ${text}`, () => {
      expect(formatTrainingTime(durationMs)).toBe(text);
    });
  }
});
