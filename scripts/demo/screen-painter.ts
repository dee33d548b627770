import type { GifPalette } from './gif-palette.js';
import type { GifFrame } from './gif-writer.js';
import type { GlyphMasks } from './glyph-masks.js';
import { isSameCell, type Screen, type ScreenCell } from './screen-frames.js';

/** The changed rectangle of a frame, before it gets its display time. */
export type FrameChange = Omit<GifFrame, 'delayCs'>;

/**
 * Draws screens as palette indices and returns, for each one, the
 * rectangle that changed since the screen before. Pixels inside the
 * rectangle that did not change are transparent, which compresses well.
 */
export class ScreenPainter {
  readonly widthPx: number;
  readonly heightPx: number;
  /** Palette indices of the screen drawn last, null before the first. */
  private shownPixels: Uint8Array | null = null;
  private shownCells: readonly ScreenCell[] | null = null;
  private readonly indicesByPair = new Map<number, Uint8Array>();

  constructor(
    private readonly columns: number,
    private readonly rows: number,
    private readonly glyphs: GlyphMasks,
    private readonly palette: GifPalette,
    /** Fills the cells outside a screen smaller than the image. */
    private readonly blank: ScreenCell,
  ) {
    this.widthPx = columns * glyphs.cell.widthPx;
    this.heightPx = rows * glyphs.cell.heightPx;
  }

  /**
   * Draws a screen. Returns the rectangle that changed, or null when the
   * screen looks the same as the one before.
   */
  paint(screen: Screen): FrameChange | null {
    const cells = this.fitCells(screen);
    const dirty = this.findDirtyCells(cells);
    const next = this.shownPixels
      ? this.shownPixels.slice()
      : new Uint8Array(this.widthPx * this.heightPx);
    for (let index = 0; index < cells.length; index++) {
      if (dirty[index]) {
        this.paintCell(next, cells, index);
      }
    }

    const change = this.shownPixels
      ? changedRectangle(this.shownPixels, next, this.widthPx, this.palette)
      : this.wholeImage(next);
    this.shownPixels = next;
    this.shownCells = cells;

    return change;
  }

  /** Returns the screen's cells on the image's grid, blank outside it. */
  private fitCells(screen: Screen): ScreenCell[] {
    const cells: ScreenCell[] = [];
    for (let y = 0; y < this.rows; y++) {
      for (let x = 0; x < this.columns; x++) {
        const isInside = x < screen.columns && y < screen.rows;
        cells.push(
          isInside ? screen.cells[y * screen.columns + x]! : this.blank,
        );
      }
    }

    return cells;
  }

  /**
   * Marks the cells that differ from the screen before. A wide character
   * is drawn with the cell after it, so a change to either redraws both.
   */
  private findDirtyCells(cells: readonly ScreenCell[]): boolean[] {
    const previous = this.shownCells;
    const dirty = cells.map(
      (cell, index) => !previous || !isSameCell(previous[index]!, cell),
    );
    for (let index = cells.length - 2; index >= 0; index--) {
      const isWide =
        cells[index]!.widthCells === 2 || previous?.[index]?.widthCells === 2;
      if (isWide && (dirty[index] || dirty[index + 1])) {
        dirty[index] = true;
        dirty[index + 1] = true;
      }
    }

    return dirty;
  }

  private paintCell(
    target: Uint8Array,
    cells: readonly ScreenCell[],
    index: number,
  ): void {
    const cell = cells[index]!;
    const x = index % this.columns;
    const y = Math.floor(index / this.columns);
    const isAfterWide = x > 0 && cells[index - 1]!.widthCells === 2;
    if (cell.widthCells === 0 && isAfterWide) {
      return;
    }

    const widthCells = Math.min(Math.max(cell.widthCells, 1), this.columns - x);
    const { widthPx: cellWidthPx, heightPx: cellHeightPx } = this.glyphs.cell;
    const maskWidthPx = cellWidthPx * widthCells;
    const left = x * cellWidthPx;
    const top = y * cellHeightPx;
    const hasInk =
      cell.text.trim() !== '' || cell.isUnderline || cell.isStrikethrough;

    if (!hasInk || cell.foreground === cell.background) {
      const background = this.palette.indexOf(cell.background);
      for (let row = 0; row < cellHeightPx; row++) {
        const start = (top + row) * this.widthPx + left;
        target.fill(background, start, start + maskWidthPx);
      }

      return;
    }

    const mask = this.glyphs.mask(cell.text, cell, widthCells);
    const indices = this.indicesFor(cell);
    for (let row = 0; row < cellHeightPx; row++) {
      const start = (top + row) * this.widthPx + left;
      const maskStart = row * maskWidthPx;
      for (let column = 0; column < maskWidthPx; column++) {
        target[start + column] = indices[mask[maskStart + column]!]!;
      }
    }
  }

  private indicesFor(cell: ScreenCell): Uint8Array {
    const key = cell.foreground * 0x1000000 + cell.background;
    let indices = this.indicesByPair.get(key);
    if (!indices) {
      indices = this.palette.indicesByCoverage(
        cell.foreground,
        cell.background,
      );
      this.indicesByPair.set(key, indices);
    }

    return indices;
  }

  private wholeImage(pixels: Uint8Array): FrameChange {
    return {
      left: 0,
      top: 0,
      width: this.widthPx,
      height: this.heightPx,
      pixels,
    };
  }
}

/**
 * Returns the smallest rectangle that contains every pixel that changed, with
 * the unchanged pixels in it made transparent, or null when none changed.
 */
function changedRectangle(
  before: Uint8Array,
  after: Uint8Array,
  widthPx: number,
  palette: GifPalette,
): FrameChange | null {
  let left = widthPx;
  let right = -1;
  let top = -1;
  let bottom = -1;
  for (let index = 0; index < after.length; index++) {
    if (before[index] === after[index]) {
      continue;
    }

    const x = index % widthPx;
    const y = Math.floor(index / widthPx);
    left = Math.min(left, x);
    right = Math.max(right, x);
    top = top === -1 ? y : top;
    bottom = y;
  }

  if (right === -1) {
    return null;
  }

  const width = right - left + 1;
  const height = bottom - top + 1;
  const pixels = new Uint8Array(width * height);
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      const index = (top + row) * widthPx + left + column;
      pixels[row * width + column] =
        before[index] === after[index]
          ? palette.transparentIndex
          : after[index]!;
    }
  }

  return { left, top, width, height, pixels };
}
