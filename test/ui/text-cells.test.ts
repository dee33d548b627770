import { describe, expect, test } from 'vitest';
import {
  cutMiddle,
  cutText,
  fitText,
  textWidth,
  wrapText,
} from '../../source/ui/text-cells.js';

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

  test('pads wide characters by cells', () => {
    expect(fitText('晴れ', 6)).toBe('晴れ  ');
    expect(fitText('雪', 4, 'right')).toBe('  雪');
  });

  test('cuts wide characters by cells', () => {
    expect(fitText('雨のち曇り', 6)).toBe('雨の… ');
    expect(fitText('雨のち曇り', 5)).toBe('雨の…');
    expect(fitText('雨のち曇り', 6, 'right')).toBe(' 雨の…');
  });

  test('keeps an emoji sequence whole', () => {
    const family = '👨‍👩‍👧';

    expect(fitText(`${family}ab`, 3)).toBe(`${family}…`);
    expect(fitText(`${family}ab`, 2)).toBe('… ');
  });
});

describe('textWidth', () => {
  test.each([
    ['setosa', 6],
    ['雨のち曇り', 10],
    ['R²', 2],
    ['e\u0301', 1],
    ['', 0],
  ])('measures %j as %d cells', (text, cells) => {
    expect(textWidth(text)).toBe(cells);
  });
});

describe('cutMiddle', () => {
  test('keeps the start and the end', () => {
    expect(cutMiddle('Iris-versicolor', 7)).toBe('Iri…lor');
    expect(cutMiddle('Iris-virginica', 7)).toBe('Iri…ica');
  });

  test('leaves short text whole', () => {
    expect(cutMiddle('setosa', 6)).toBe('setosa');
  });

  test('shows only the ellipsis in one cell', () => {
    expect(cutMiddle('setosa', 1)).toBe('…');
    expect(cutMiddle('setosa', 0)).toBe('');
  });

  test('cuts wide characters by cells', () => {
    expect(cutMiddle('雨のち曇り', 7)).toBe('雨の…り');
    expect(cutMiddle('雨のち曇り', 6)).toBe('雨…り');
    expect(cutMiddle('雨のち曇り', 4)).toBe('雨…');
  });
});

describe('cutText', () => {
  test('cuts long text with an ellipsis', () => {
    expect(cutText('versicolor', 6)).toBe('versi…');
  });

  test('leaves short text unpadded', () => {
    expect(cutText('iris', 6)).toBe('iris');
  });

  test('cuts wide characters by cells', () => {
    expect(cutText('雨のち曇り', 8)).toBe('雨のち…');
    expect(cutText('雨のち曇り', 7)).toBe('雨のち…');
    expect(cutText('雨のち曇り', 10)).toBe('雨のち曇り');
  });
});

describe('wrapText', () => {
  test('leaves a short line whole', () => {
    expect(wrapText('Run r1 completed in 3.0s.', 40)).toEqual([
      'Run r1 completed in 3.0s.',
    ]);
  });

  test('breaks at spaces with an indent', () => {
    expect(wrapText('Data: wine.csv, 178 rows, regression.', 20, '  ')).toEqual(
      ['Data: wine.csv, 178', '  rows, regression.'],
    );
  });

  test('breaks a word wider than a line', () => {
    expect(wrapText(`error: ${'x'.repeat(12)}`, 8, '  ')).toEqual([
      'error:',
      '  xxxxxx',
      '  xxxxxx',
    ]);
  });

  test('wraps wide characters by cells', () => {
    const lines = wrapText('雨のち曇り 雨のち曇り', 12, '  ');

    expect(lines).toEqual(['雨のち曇り', '  雨のち曇り']);
    for (const line of lines) {
      expect(textWidth(line), line).toBeLessThanOrEqual(12);
    }
  });

  test('moves on when a wide character has one cell', () => {
    expect(wrapText('雪雪', 1)).toEqual(['雪', '雪']);
  });

  test('returns one empty line for empty text', () => {
    expect(wrapText('', 10)).toEqual(['']);
  });
});
