import { expect, test } from 'vitest';
import { colors, glyphs, loadColor } from '../../source/ui/theme.js';

test('loadColor turns warn then bad as load grows', () => {
  expect(loadColor(10)).toBe(colors.good);
  expect(loadColor(75)).toBe(colors.warn);
  expect(loadColor(95)).toBe(colors.bad);
});

test('loadColor mutes a missing reading', () => {
  expect(loadColor(null)).toBe(colors.muted);
});

test('bar glyphs differ from each other', () => {
  const cells = [
    glyphs.barFilled,
    glyphs.barEmpty,
    glyphs.barFailed,
    glyphs.barUnknown,
  ];

  expect(new Set(cells).size).toBe(cells.length);
});
