import { isFormattedNumber } from './messages.js';

/** Texts that mean a missing value, after trimming and in lower case. */
const MISSING_TEXTS: ReadonlySet<string> = new Set(['', 'na', 'nan', '?']);

/**
 * Kind of a field: a number or text, a missing-value marker, or a number
 * too large for a 64-bit float, such as `1e400`, which Number() reads as
 * Infinity.
 */
export type FieldKind = 'value' | 'missing' | 'out-of-range';

/** A field's text and the file line it is on. */
export type FieldNote = {
  readonly text: string;
  readonly line: number;
};

/** Categories of a column among the rows that a data set keeps. */
export type CategorySummary = {
  /** Category texts with at least one kept row, in sorted order. */
  readonly names: readonly string[];
  /** Rows of each category in `names`. */
  readonly counts: readonly number[];
  /** Index into `names` for each category code, or -1 when it has no row. */
  readonly slotByCode: Int32Array;
};

/**
 * Values of one CSV column as they stream in. A column is numeric until a
 * field arrives that is neither a number nor missing. From then on it is
 * categorical: it stores a category code per row and keys numbers by their
 * shortest text, so `1.0` and `1` are the same category.
 */
export class CsvColumn {
  isNumeric = true;
  /** Number or category code of each row; NaN where the value is missing. */
  values: Float64Array;
  /** Fields of each kind, dropped rows included. */
  missingCount = 0;
  numberCount = 0;
  textCount = 0;
  /** The field that made the column categorical, or null. */
  firstNonNumber: FieldNote | null = null;
  /** Text fields that are numbers written with separators, such as `1,5`. */
  formattedNumberCount = 0;
  /** The first of those fields, or null. */
  firstFormattedNumber: FieldNote | null = null;
  /** Category texts indexed by code, in order of first appearance. */
  readonly categoryTexts: string[] = [];
  private readonly codeByText = new Map<string, number>();

  /**
   * @param name column name from the header
   * @param index position of the column's field in each record, from 0
   * @param capacity rows to allocate room for
   */
  constructor(
    readonly name: string,
    readonly index: number,
    capacity: number,
  ) {
    this.values = new Float64Array(capacity);
  }

  /**
   * Stores the field of `row` and returns its kind. Numbers may have
   * whitespace around them, as Number() allows. An out-of-range field
   * leaves the row unset, for the caller to reject the file.
   */
  add(row: number, text: string, line: number): FieldKind {
    const value = Number(text);
    // Number() reads a blank field as 0, so only a zero needs the trim.
    if (Number.isFinite(value) && (value !== 0 || text.trim() !== '')) {
      this.values[row] = this.isNumeric ? value : this.codeOf(String(value));
      this.numberCount += 1;

      return 'value';
    }

    // Number() also reads the text `Infinity` as Infinity.
    if (value === Infinity || value === -Infinity) {
      return 'out-of-range';
    }

    const trimmed = text.trim();
    if (MISSING_TEXTS.has(trimmed.toLowerCase())) {
      this.values[row] = NaN;
      this.missingCount += 1;

      return 'missing';
    }

    if (this.isNumeric) {
      this.becomeCategorical(row, { text: trimmed, line });
    }

    if (isFormattedNumber(trimmed)) {
      this.formattedNumberCount += 1;
      this.firstFormattedNumber ??= { text: trimmed, line };
    }

    this.values[row] = this.codeOf(trimmed);
    this.textCount += 1;

    return 'value';
  }

  /**
   * Returns the field to cite when a categorical column is mostly numbers,
   * counting numbers written with separators: the first of those, because
   * its fix applies to every such value, or else the first text. Returns
   * null for a numeric column or a column of mostly text.
   */
  findNonNumber(): FieldNote | null {
    const numberLikeCount = this.numberCount + this.formattedNumberCount;
    const otherTextCount = this.textCount - this.formattedNumberCount;
    if (this.isNumeric || numberLikeCount <= otherTextCount) {
      return null;
    }

    return this.firstFormattedNumber ?? this.firstNonNumber;
  }

  /** Moves the values to a new array with room for `capacity` rows. */
  resize(capacity: number, rowCount: number): void {
    const values = new Float64Array(capacity);
    values.set(this.values.subarray(0, rowCount));
    this.values = values;
  }

  /** Drops the values, for garbage collection once a data set has a copy. */
  release(): void {
    this.values = new Float64Array(0);
  }

  /** Counts the categories among `rows` and sorts the ones present. */
  summarizeCategories(rows: Int32Array): CategorySummary {
    const countByCode = new Float64Array(this.categoryTexts.length);
    for (const row of rows) {
      const code = this.values[row]!;
      if (!Number.isNaN(code)) {
        countByCode[code]! += 1;
      }
    }

    const presentCodes = [...countByCode.keys()].filter(
      (code) => countByCode[code]! > 0,
    );
    presentCodes.sort((a, b) =>
      compareValueTexts(this.categoryTexts[a]!, this.categoryTexts[b]!),
    );
    const slotByCode = new Int32Array(countByCode.length).fill(-1);
    presentCodes.forEach((code, slot) => {
      slotByCode[code] = slot;
    });

    return {
      names: presentCodes.map((code) => this.categoryTexts[code]!),
      counts: presentCodes.map((code) => countByCode[code]!),
      slotByCode,
    };
  }

  private codeOf(text: string): number {
    const code = this.codeByText.get(text);
    if (code !== undefined) {
      return code;
    }

    const newCode = this.categoryTexts.length;
    this.codeByText.set(text, newCode);
    this.categoryTexts.push(text);

    return newCode;
  }

  /** Turns the numbers stored so far into category codes. */
  private becomeCategorical(rowCount: number, note: FieldNote): void {
    this.isNumeric = false;
    this.firstNonNumber = note;
    for (let row = 0; row < rowCount; row++) {
      const value = this.values[row]!;
      if (!Number.isNaN(value)) {
        this.values[row] = this.codeOf(String(value));
      }
    }
  }
}

/**
 * Orders value texts: numbers first, by value, then other texts by UTF-16
 * code units, so the order does not depend on the locale.
 */
export function compareValueTexts(a: string, b: string): number {
  const numberA = Number(a);
  const numberB = Number(b);
  const isNumberA = Number.isFinite(numberA);
  const isNumberB = Number.isFinite(numberB);
  if (isNumberA && isNumberB) {
    return numberA - numberB;
  }

  if (isNumberA !== isNumberB) {
    return isNumberA ? -1 : 1;
  }

  if (a === b) {
    return 0;
  }

  return a < b ? -1 : 1;
}
