import { describe, expect, test } from 'vitest';

import type { CellGrid } from '../../../source/ui/screen/cell-grid.js';
import { diffGrids } from '../../../source/ui/screen/grid-diff.js';

const ESC = '\u001B';

/** Builds a grid from rows of text, all cells in the default style. */
function grid(lines: readonly string[], style = '0'): CellGrid {
  const columns = lines[0]!.length;
  const chars = lines.flatMap((line) => [...line]);

  return {
    columns,
    rows: lines.length,
    chars,
    styles: chars.map(() => style),
  };
}

describe('diffGrids', () => {
  test('draws everything after a clear without a previous grid', () => {
    expect(diffGrids(null, grid(['ab', 'cd']))).toBe(
      `${ESC}[0m${ESC}[2J${ESC}[1;1Hab${ESC}[2;1Hcd`,
    );
  });

  test('writes nothing for an unchanged grid', () => {
    const same = grid(['abc', 'def']);

    expect(diffGrids(same, grid(['abc', 'def']))).toBe('');
  });

  test('writes only the changed cells', () => {
    const before = grid(['elapsed 9s  cpu 50%']);
    const after = grid(['elapsed 10s cpu 50%']);

    expect(diffGrids(before, after)).toBe(`${ESC}[1;9H10s`);
  });

  test('joins changes separated by a short gap', () => {
    expect(diffGrids(grid(['a--b------']), grid(['x--y------']))).toBe(
      `${ESC}[1;1Hx--y`,
    );
  });

  test('moves the cursor over a long gap', () => {
    expect(diffGrids(grid(['a--------b']), grid(['x--------y']))).toBe(
      `${ESC}[1;1Hx${ESC}[1;10Hy`,
    );
  });

  test('sets the style of changed cells and resets it after', () => {
    const before = grid(['ab']);
    const after: CellGrid = { ...grid(['ab']), styles: ['0', '0;32'] };

    expect(diffGrids(before, after)).toBe(`${ESC}[1;2H${ESC}[0;32mb${ESC}[0m`);
  });

  test('redraws everything when the size changed', () => {
    const diff = diffGrids(grid(['ab']), grid(['abc']));

    expect(diff.startsWith(`${ESC}[0m${ESC}[2J`)).toBe(true);
    expect(diff).toContain('abc');
  });
});
