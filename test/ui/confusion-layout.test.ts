import { describe, expect, test } from 'vitest';
import { planConfusion } from '../../source/ui/confusion-layout.js';

/** Returns a matrix of `size` classes with `count` on the diagonal. */
function diagonal(size: number, count = 9): number[][] {
  return Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, column) => (row === column ? count : 0)),
  );
}

function namesOf(size: number, prefix = 'class'): string[] {
  return Array.from({ length: size }, (_, index) => `${prefix} ${index}`);
}

describe('planConfusion', () => {
  test('gives iris names their full width', () => {
    const layout = planConfusion({
      confusion: diagonal(3),
      classNames: ['setosa', 'versicolor', 'virginica'],
      width: 80,
      maxLines: 10,
    });

    expect(layout).toEqual({
      labelWidth: 11,
      columnWidth: 11,
      shownCount: 3,
      hiddenCount: 0,
    });
  });

  test('sizes wide class names by cells', () => {
    const layout = planConfusion({
      confusion: diagonal(3),
      classNames: ['晴れ', '雨のち曇り', '雪'],
      width: 80,
      maxLines: 10,
    });

    expect(layout?.labelWidth).toBe(11);
    expect(layout?.columnWidth).toBe(11);
  });

  test('narrows columns before leaving classes out', () => {
    const layout = planConfusion({
      confusion: diagonal(10),
      classNames: namesOf(10),
      width: 80,
      maxLines: 14,
    });

    expect(layout?.shownCount).toBe(10);
    expect(layout?.columnWidth).toBe(7);
  });

  test('leaves out classes that do not fit across', () => {
    const layout = planConfusion({
      confusion: diagonal(20),
      classNames: namesOf(20),
      width: 80,
      maxLines: 30,
    });

    expect(layout?.columnWidth).toBe(5);
    expect(layout?.shownCount).toBe(14);
    expect(layout?.hiddenCount).toBe(6);
  });

  test('keeps a line for the note when rows run out', () => {
    const layout = planConfusion({
      confusion: diagonal(8),
      classNames: namesOf(8),
      width: 80,
      maxLines: 5,
    });

    // A heading, three class rows and the note.
    expect(layout?.shownCount).toBe(3);
    expect(layout?.hiddenCount).toBe(5);
  });

  test('widens columns for large counts', () => {
    const layout = planConfusion({
      confusion: diagonal(2, 1_234_567),
      classNames: ['a', 'b'],
      width: 80,
      maxLines: 5,
    });

    expect(layout?.columnWidth).toBe(8);
  });

  test('gives up when no class fits', () => {
    const layout = planConfusion({
      confusion: diagonal(3),
      classNames: namesOf(3),
      width: 80,
      maxLines: 2,
    });

    expect(layout).toBeNull();
  });
});
