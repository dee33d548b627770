import type { CellGrid } from './cell-grid.js';

/**
 * Unchanged cells between two changes on a row that are rewritten rather
 * than skipped: moving the cursor costs about 6 bytes.
 */
const MAX_GAP_CELLS = 4;

const CSI = '\u001B[';

/**
 * Returns the escape sequences and text that turn a terminal showing
 * `previous` into one showing `next`, writing only the cells that changed.
 * With no previous grid, or one of another size, it clears and draws all.
 */
export function diffGrids(previous: CellGrid | null, next: CellGrid): string {
  const isSameSize =
    previous !== null &&
    previous.columns === next.columns &&
    previous.rows === next.rows;
  const base = isSameSize ? previous : null;
  // Every diff ends in the default style, so the next one starts there.
  let output = base ? '' : `${CSI}0m${CSI}2J`;
  let style = '0';

  for (let y = 0; y < next.rows; y++) {
    const row = y * next.columns;
    let x = 0;
    while (x < next.columns) {
      if (base && isSameCell(base, next, row + x)) {
        x += 1;
        continue;
      }

      const end = findRunEnd(base, next, row, x);
      output += `${CSI}${y + 1};${x + 1}H`;
      for (let i = x; i < end; i++) {
        const cellStyle = next.styles[row + i]!;
        if (cellStyle !== style) {
          output += `${CSI}${cellStyle}m`;
          style = cellStyle;
        }
        output += next.chars[row + i]!;
      }
      x = end;
    }
  }

  return style === '0' ? output : `${output}${CSI}0m`;
}

/** Returns the end of a run of changes that starts at `start`. */
function findRunEnd(
  base: CellGrid | null,
  next: CellGrid,
  row: number,
  start: number,
): number {
  if (!base) {
    return next.columns;
  }

  let end = start + 1;
  let gap = 0;
  for (let x = start + 1; x < next.columns; x++) {
    if (isSameCell(base, next, row + x)) {
      gap += 1;
      if (gap > MAX_GAP_CELLS) {
        break;
      }
    } else {
      gap = 0;
      end = x + 1;
    }
  }

  return end;
}

function isSameCell(a: CellGrid, b: CellGrid, index: number): boolean {
  return (
    a.chars[index] === b.chars[index] && a.styles[index] === b.styles[index]
  );
}
