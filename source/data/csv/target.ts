import type { CsvColumn } from './column.js';
import type { Task } from '../dataset.js';
import { describeNonNumber } from './messages.js';
import { DataError } from '../data-error.js';

/**
 * Distinct values up to which a numeric target counts as class labels when
 * no task is given. Labels such as 0/1 or ratings 1–5 stay classes, and
 * measurements with more values become a regression.
 */
const MAX_AUTO_CLASSES = 10;

/**
 * Rows per class that classification needs on average. Below it, some
 * classes have a single row, which cannot be both trained on and tested
 * on. A column of prices, ids or names, with about one value per row, is
 * far below it.
 */
const MIN_ROWS_PER_CLASS = 2;

/**
 * Largest size of a regression target value. Scores sum squared errors,
 * and errors up to 2e150 square to at most 4e300, so tens of millions of
 * rows still sum to less than the 1.8e308 of a 64-bit float.
 */
const MAX_REGRESSION_TARGET = 1e150;

/** The target column turned into the numbers a forest learns. */
export type EncodedTarget = {
  readonly task: Task;
  /** Class names indexed by class number; empty for regression. */
  readonly classNames: readonly string[];
  /** Class number or value of each kept row. */
  readonly targets: Float64Array;
};

/**
 * Chooses the task, unless `task` gives it, and encodes the target of each
 * row in `rows`. Class names are the distinct texts in sorted order, with
 * numeric ones sorted by value.
 */
export function encodeTarget(
  column: CsvColumn,
  rows: Int32Array,
  task: Task | null,
  path: string,
): EncodedTarget {
  if (!column.isNumeric) {
    if (task === 'regression') {
      const { text, line } = column.findNonNumber() ?? column.firstNonNumber!;
      throw new DataError(
        `Cannot predict column "${column.name}" of ${path} by regression: ` +
          `${describeNonNumber(text, line)}. Pass --task classification, ` +
          'or a numeric column to --target.',
      );
    }

    return encodeCategoricalClasses(column, rows, path);
  }

  const distinct = [...new Set(Array.from(rows, (row) => column.values[row]!))];
  const chosenTask =
    task ??
    (distinct.length > MAX_AUTO_CLASSES ? 'regression' : 'classification');
  if (chosenTask === 'regression') {
    const targets = Float64Array.from(rows, (row) => column.values[row]!);
    rejectLargeTargets(column, targets, path);

    return { task: 'regression', classNames: [], targets };
  }

  distinct.sort((a, b) => a - b);
  rejectSingleClass(column, distinct.map(String), rows.length, path);
  rejectManyClasses(column, distinct.length, rows.length, path);
  const classByValue = new Map(distinct.map((value, index) => [value, index]));

  return {
    task: 'classification',
    classNames: distinct.map(String),
    targets: Float64Array.from(rows, (row) =>
      classByValue.get(column.values[row]!)!,
    ),
  };
}

function encodeCategoricalClasses(
  column: CsvColumn,
  rows: Int32Array,
  path: string,
): EncodedTarget {
  const { names, slotByCode } = column.summarizeCategories(rows);
  rejectSingleClass(column, names, rows.length, path);
  rejectManyClasses(column, names.length, rows.length, path);

  return {
    task: 'classification',
    classNames: names,
    targets: Float64Array.from(rows, (row) => slotByCode[column.values[row]!]!),
  };
}

function rejectSingleClass(
  column: CsvColumn,
  classNames: readonly string[],
  rowCount: number,
  path: string,
): void {
  if (classNames.length > 1) {
    return;
  }

  const rows = rowCount === 1 ? 'its only row' : `all ${rowCount} rows`;
  throw new DataError(
    `Target column "${column.name}" of ${path} has the single class ` +
      `"${classNames[0]}" in ${rows}: classification needs at least 2 ` +
      'classes. Pass another --target.',
  );
}

/** Rejects more classes than MIN_ROWS_PER_CLASS allows for `rowCount`. */
function rejectManyClasses(
  column: CsvColumn,
  classCount: number,
  rowCount: number,
  path: string,
): void {
  if (classCount * MIN_ROWS_PER_CLASS <= rowCount) {
    return;
  }

  throw new DataError(
    `Target column "${column.name}" of ${path} has ${classCount} distinct ` +
      `values in ${rowCount} rows, too many classes to learn ` +
      `(classification needs ${MIN_ROWS_PER_CLASS} rows per class on ` +
      `average): ${adviseOnManyClasses(column)}`,
  );
}

/** Returns the fix for a target with too many classes, as a sentence end. */
function adviseOnManyClasses(column: CsvColumn): string {
  if (column.isNumeric) {
    return 'use --task regression to predict it as a number, or pass another --target.';
  }

  const nonNumber = column.findNonNumber();
  if (nonNumber === null) {
    return 'pass another --target.';
  }

  return (
    `${describeNonNumber(nonNumber.text, nonNumber.line)}, so fix the ` +
    'column to use --task regression, or pass another --target.'
  );
}

function rejectLargeTargets(
  column: CsvColumn,
  targets: Float64Array,
  path: string,
): void {
  let largest = 0;
  for (const value of targets) {
    if (Math.abs(value) > Math.abs(largest)) {
      largest = value;
    }
  }

  if (Math.abs(largest) <= MAX_REGRESSION_TARGET) {
    return;
  }

  throw new DataError(
    `Target column "${column.name}" of ${path} has the value ${largest}, ` +
      `too large for regression: values must be at most ` +
      `${MAX_REGRESSION_TARGET} in size, so that sums of squared errors ` +
      'fit in a 64-bit float. Rescale the column, for example by dividing ' +
      'it by a power of ten.',
  );
}
