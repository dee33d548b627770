import { textWidth } from './text-cells.js';

/** Cells of the row headings, a gap included: at least and at most. */
const MIN_LABEL_CELLS = 6;
const MAX_LABEL_CELLS = 16;

/** Cells of a count column, a gap included: at least and at most. */
const MIN_COLUMN_CELLS = 5;
const MAX_COLUMN_CELLS = 15;

export type ConfusionLayoutInput = {
  /** Counts by actual class (row) and predicted class (column). */
  readonly confusion: readonly (readonly number[])[];
  /** Heading of each class, by class number. */
  readonly classNames: readonly string[];
  /** Cells each line may take. */
  readonly width: number;
  /** Lines for the heading row, the class rows and the hidden-classes note. */
  readonly maxLines: number;
};

/** Sizes of a confusion matrix drawn in a given space. */
export type ConfusionLayout = {
  /** Cells of the row headings. */
  readonly labelWidth: number;
  /** Cells of each count column. */
  readonly columnWidth: number;
  /** The first `shownCount` classes show, both as rows and as columns. */
  readonly shownCount: number;
  /** Classes left out. When above 0, a note line counts them. */
  readonly hiddenCount: number;
};

/**
 * Sizes a confusion matrix to a space. Class names get as many cells as
 * they need within fixed limits, and shrink before any class is left out.
 * The same classes show as rows and as columns, so the diagonal of correct
 * predictions stays whole. Returns null when not even one class fits.
 */
export function planConfusion({
  confusion,
  classNames,
  width,
  maxLines,
}: ConfusionLayoutInput): ConfusionLayout | null {
  const classCount = confusion.length;
  const longestName = Math.max(
    0,
    ...classNames.slice(0, classCount).map(textWidth),
  );
  const labelWidth = clamp(longestName + 1, MIN_LABEL_CELLS, MAX_LABEL_CELLS);

  const countCells = Math.max(1, ...confusion.flat().map(digitCount));
  const narrowest = Math.max(countCells + 1, MIN_COLUMN_CELLS);
  const widest = Math.max(
    narrowest,
    Math.min(longestName + 1, MAX_COLUMN_CELLS),
  );
  const room = Math.max(0, width - labelWidth);
  const columnWidth = clamp(
    Math.floor(room / Math.max(1, classCount)),
    narrowest,
    widest,
  );

  const columnsFit = Math.floor(room / columnWidth);
  const lines = Math.floor(maxLines);
  const rowsFit = classCount <= lines - 1 ? classCount : lines - 2;
  const shownCount = Math.min(classCount, columnsFit, rowsFit);
  if (shownCount < 1) {
    return null;
  }

  return {
    labelWidth,
    columnWidth,
    shownCount,
    hiddenCount: classCount - shownCount,
  };
}

function digitCount(count: number): number {
  return String(count).length;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
