import type { CsvColumn } from './column.js';
import { encodeFeatures } from './features.js';
import { dropFlag, listNames } from './messages.js';
import type { CsvTable } from './table.js';
import { encodeTarget } from './target.js';
import type { MissingPolicy } from '../data-options.js';
import type { Dataset, Task } from '../dataset.js';
import { DataError } from '../data-error.js';

/** How to turn a read CsvTable into a data set. */
export type CsvDatasetOptions = {
  /** Name of the data set, such as `wine.csv`. */
  readonly name: string;
  /** The file's path as the user gave it, for messages. */
  readonly path: string;
  readonly missing: MissingPolicy;
  /** The task, or null to choose it from the target column. */
  readonly task: Task | null;
};

/**
 * Builds the data set from a fully read table: drops or fills missing
 * values, chooses the task and encodes the target and the features.
 */
export function buildDataset(
  table: CsvTable,
  options: CsvDatasetOptions,
): Dataset {
  const { path } = options;
  const target = table.target;
  if (target === null) {
    throw new DataError(
      `${path} is empty: expected a header line and at least one data row.`,
    );
  }

  if (table.rowCount === 0) {
    throw new DataError(
      `${path} has a header line but no data rows: add rows below it.`,
    );
  }

  rejectEmptyColumns(table, target, path);
  const rows = keepRows(table, target, options.missing, path);
  const { task, classNames, targets } = encodeTarget(
    target,
    rows,
    options.task,
    path,
  );
  const { featureNames, features } = encodeFeatures(table.features, rows, path);

  return {
    name: options.name,
    task,
    featureNames,
    classNames,
    rowCount: rows.length,
    features,
    targets,
  };
}

function rejectEmptyColumns(
  table: CsvTable,
  target: CsvColumn,
  path: string,
): void {
  const isEmpty = (column: CsvColumn) => column.missingCount === table.rowCount;
  if (isEmpty(target)) {
    throw new DataError(
      `Target column "${target.name}" of ${path} has no values: it is ` +
        'missing on every row. Pass another --target.',
    );
  }

  const names = table.features.filter(isEmpty).map((column) => column.name);
  if (names.length === 0) {
    return;
  }

  const [subject, verb, pronoun] =
    names.length === 1 ? ['Column', 'has', 'it'] : ['Columns', 'have', 'them'];
  throw new DataError(
    `${subject} ${listNames(names)} of ${path} ${verb} no values: ` +
      `every row is missing ${pronoun}. Pass ${dropFlag(names)} to leave ` +
      `${pronoun} out.`,
  );
}

/**
 * Returns the indices of the rows to keep: every row, or with `drop-rows`
 * the rows without a missing value.
 */
function keepRows(
  table: CsvTable,
  target: CsvColumn,
  missing: MissingPolicy,
  path: string,
): Int32Array {
  const { rowCount } = table;
  if (missing !== 'drop-rows') {
    return Int32Array.from({ length: rowCount }, (_, row) => row);
  }

  const sparseColumns = [target, ...table.features].filter(
    (column) => column.missingCount > 0,
  );
  const rows: number[] = [];
  for (let row = 0; row < rowCount; row++) {
    if (sparseColumns.every((column) => !Number.isNaN(column.values[row]))) {
      rows.push(row);
    }
  }

  if (rows.length === 0) {
    const sparsest = table.features.reduce((a, b) =>
      b.missingCount > a.missingCount ? b : a,
    );
    throw new DataError(
      `Every row of ${path} has a missing value, so --missing drop-rows ` +
        `leaves no rows. Column "${sparsest.name}" is missing on ` +
        `${sparsest.missingCount} of ${rowCount} rows: pass ` +
        `${dropFlag([sparsest.name])}, or --missing mean.`,
    );
  }

  return Int32Array.from(rows);
}
