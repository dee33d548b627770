import { describe, expect, test } from 'vitest';
import {
  fitText,
  formatAccuracy,
  formatBytes,
  formatBytesOf,
  formatDuration,
  formatPercent,
  formatRunningAccuracy,
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

describe('formatAccuracy', () => {
  test('shows three decimals', () => {
    expect(formatAccuracy(0.96666)).toBe('0.967');
    expect(formatAccuracy(1)).toBe('1.000');
  });

  test('shows N/A for a missing accuracy', () => {
    expect(formatAccuracy(null)).toBe('N/A');
  });
});

describe('formatRunningAccuracy', () => {
  test('shows three decimals once measured', () => {
    expect(formatRunningAccuracy(0.9)).toBe('0.900');
  });

  test('shows a dash before the first chunk', () => {
    expect(formatRunningAccuracy(null)).toBe('—');
  });
});

test('formatTrialParams writes one letter a parameter', () => {
  const params = { trees: 200, maxFeatures: 2, maxDepth: 3, seed: 1 };

  expect(formatTrialParams(params)).toBe('T200 f2 d3 s1');
});

describe('fitText', () => {
  test('pads short text on the chosen side', () => {
    expect(fitText('ab', 4)).toBe('ab  ');
    expect(fitText('ab', 4, 'right')).toBe('  ab');
  });

  test('cuts long text with an ellipsis', () => {
    expect(fitText('abcdef', 4)).toBe('abc…');
  });

  test('keeps text of exactly the width', () => {
    expect(fitText('abcd', 4)).toBe('abcd');
  });

  test('returns nothing at zero width', () => {
    expect(fitText('abc', 0)).toBe('');
  });
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
