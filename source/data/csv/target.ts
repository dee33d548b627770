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
      const { text, line } = column.firstNonNumber!;
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
    return {
      task: 'regression',
      classNames: [],
      targets: Float64Array.from(rows, (row) => column.values[row]!),
    };
  }

  distinct.sort((a, b) => a - b);
  rejectSingleClass(column, distinct.map(String), rows.length, path);
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
