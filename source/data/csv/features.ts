import type { CsvColumn } from './column.js';
import { describeNonNumber, dropFlag } from './messages.js';
import { DataError } from '../data-error.js';

/**
 * Distinct values up to which a text column is one-hot encoded. More would
 * add a feature per value, and a column such as a name or an id has as many
 * values as rows without telling a forest anything.
 */
const MAX_ONE_HOT_VALUES = 20;

/** A numeric column, used as one feature. */
type NumericPlan = {
  readonly kind: 'numeric';
  readonly column: CsvColumn;
  /** Value for missing fields: the column mean, or NaN if none is missing. */
  readonly fillValue: number;
};

/** A text column, one-hot encoded into a feature per category. */
type OneHotPlan = {
  readonly kind: 'one-hot';
  readonly column: CsvColumn;
  readonly names: readonly string[];
  readonly slotByCode: Int32Array;
  /** Category of missing fields: the most frequent, the first on a tie. */
  readonly fillSlot: number;
};

type FeaturePlan = NumericPlan | OneHotPlan;

/** A text column with too many distinct values to one-hot encode. */
type WideColumn = {
  readonly column: CsvColumn;
  readonly valueCount: number;
};

/** Feature names and the row-major feature matrix of the kept rows. */
export type EncodedFeatures = {
  readonly featureNames: readonly string[];
  readonly features: Float64Array;
};

/**
 * Encodes the feature columns for the rows in `rows`: numbers as they are,
 * and text as one-hot features named `column=value`. A missing value
 * becomes the column mean or its most frequent category. Releases each
 * column's values once they are copied.
 */
export function encodeFeatures(
  columns: readonly CsvColumn[],
  rows: Int32Array,
  path: string,
): EncodedFeatures {
  const plans: FeaturePlan[] = [];
  const wideColumns: WideColumn[] = [];
  for (const column of columns) {
    if (column.isNumeric) {
      plans.push({ kind: 'numeric', column, fillValue: meanOf(column, rows) });
      continue;
    }

    const { names, counts, slotByCode } = column.summarizeCategories(rows);
    if (names.length > MAX_ONE_HOT_VALUES) {
      wideColumns.push({ column, valueCount: names.length });
      continue;
    }

    const fillSlot = counts.indexOf(Math.max(...counts));
    plans.push({ kind: 'one-hot', column, names, slotByCode, fillSlot });
  }

  rejectWideColumns(wideColumns, path);

  return fillFeatures(plans, rows);
}

function meanOf(column: CsvColumn, rows: Int32Array): number {
  if (column.missingCount === 0) {
    return NaN;
  }

  let sum = 0;
  let count = 0;
  for (const row of rows) {
    const value = column.values[row]!;
    if (!Number.isNaN(value)) {
      sum += value;
      count += 1;
    }
  }

  return sum / count;
}

function fillFeatures(
  plans: readonly FeaturePlan[],
  rows: Int32Array,
): EncodedFeatures {
  const featureNames = plans.flatMap((plan) =>
    plan.kind === 'numeric'
      ? [plan.column.name]
      : plan.names.map((name) => `${plan.column.name}=${name}`),
  );
  const width = featureNames.length;
  const features = new Float64Array(rows.length * width);
  let offset = 0;
  for (const plan of plans) {
    const { values } = plan.column;
    for (let index = 0; index < rows.length; index++) {
      const value = values[rows[index]!]!;
      const start = index * width + offset;
      if (plan.kind === 'numeric') {
        features[start] = Number.isNaN(value) ? plan.fillValue : value;
      } else {
        const slot = Number.isNaN(value)
          ? plan.fillSlot
          : plan.slotByCode[value]!;
        features[start + slot] = 1;
      }
    }

    offset += plan.kind === 'numeric' ? 1 : plan.names.length;
    plan.column.release();
  }

  return { featureNames, features };
}

function rejectWideColumns(
  wideColumns: readonly WideColumn[],
  path: string,
): void {
  if (wideColumns.length === 0) {
    return;
  }

  const names = wideColumns.map(({ column }) => column.name);
  const hasFixableText = wideColumns.some(
    ({ column }) => column.findNonNumber() !== null,
  );
  const fix = hasFixableText
    ? `fix the values that are not numbers, or pass ${dropFlag(names)}`
    : `pass ${dropFlag(names)} to leave ${names.length > 1 ? 'them' : 'it'} out`;
  const limit =
    `One-hot encoding takes at most ${MAX_ONE_HOT_VALUES} distinct ` +
    `values, so ${fix}.`;
  if (wideColumns.length === 1) {
    const reason = describeWideColumn(wideColumns[0]!, 'it');

    throw new DataError(
      `Cannot use column "${names[0]}" of ${path} as a feature: ${reason}. ` +
        limit,
    );
  }

  const reasons = wideColumns.map(
    (wide) => `${describeWideColumn(wide, `Column "${wide.column.name}"`)}.`,
  );
  throw new DataError(
    `Cannot use ${names.length} columns of ${path} as features. ` +
      `${reasons.join(' ')} ${limit}`,
  );
}

function describeWideColumn(wide: WideColumn, subject: string): string {
  const { column, valueCount } = wide;
  const nonNumber = column.findNonNumber();
  if (nonNumber === null) {
    return `${subject} has ${valueCount} distinct text values`;
  }

  const { text, line } = nonNumber;
  if (isMostlyNumbers(column)) {
    return (
      `${subject} is mostly numbers, but ${describeNonNumber(text, line)}, ` +
      `and it has ${valueCount} distinct values`
    );
  }

  return (
    `${subject} has ${valueCount} distinct text values, because ` +
    describeNonNumber(text, line)
  );
}

function isMostlyNumbers(column: CsvColumn): boolean {
  return column.numberCount > column.textCount;
}
