import type { Info } from 'csv-parse';

import { CsvColumn, type FieldKind } from './column.js';
import { describeDelimiter, dropFlag, joinAnd, listNames } from './messages.js';
import type { MissingPolicy } from '../data-options.js';
import { DataError } from '../data-error.js';

/** Rows each column has room for before the first estimate of the total. */
const INITIAL_CAPACITY = 1024;

/**
 * Extra room over the estimated row count, because later rows may be
 * shorter than the rows read so far.
 */
const CAPACITY_MARGIN = 1.05;

/** Smallest growth of the capacity once the estimate falls short. */
const MIN_GROWTH = 1.25;

/** File facts and load options that a CsvTable checks records against. */
export type CsvTableOptions = {
  /** The file's path as the user gave it, for messages. */
  readonly path: string;
  readonly fileBytes: number;
  readonly delimiter: string;
  readonly target: string;
  readonly drop: readonly string[];
  readonly missing: MissingPolicy;
};

/**
 * Position of csv-parse in the file when it emits a record: the line the
 * record ends on, the bytes read and the blank lines skipped so far.
 */
export type RecordPosition = Pick<Info, 'lines' | 'bytes' | 'empty_lines'>;

/**
 * Columns of a CSV file, filled one record at a time from csv-parse. The
 * first record is the header. It is checked at once, so a wrong target or
 * --drop name fails before the rest of the file is read.
 */
export class CsvTable {
  /** Every column name of the header, dropped ones included. */
  names: readonly string[] = [];
  /** Feature columns in file order, without the dropped ones. */
  features: readonly CsvColumn[] = [];
  target: CsvColumn | null = null;
  rowCount = 0;
  /** File line of the last record read, or 0 before the header. */
  lastLine = 0;
  /** Blank lines that csv-parse skipped before the last record ended. */
  skippedLineCount = 0;
  private columns: readonly CsvColumn[] = [];
  /** Field indices of the columns with a blank name in the header. */
  private unnamedIndices: ReadonlySet<number> = new Set();
  private capacity = INITIAL_CAPACITY;

  constructor(private readonly options: CsvTableOptions) {}

  /**
   * Adds one record at `position`.
   *
   * NOTE: messages name the line on which a record ends. That is the line
   * it starts on unless a quoted field in it spans lines.
   */
  addRecord(record: string[], position: RecordPosition): void {
    if (this.target === null) {
      this.readHeader(record);
    } else {
      this.addRow(record, position.lines, position.bytes);
    }

    this.lastLine = position.lines;
    this.skippedLineCount = position.empty_lines;
  }

  private addRow(record: string[], line: number, bytesRead: number): void {
    if (this.rowCount === this.capacity) {
      this.grow(bytesRead);
    }

    const row = this.rowCount;
    const columns = this.columns;
    for (let index = 0; index < columns.length; index++) {
      const column = columns[index]!;
      const text = record[column.index]!;
      const kind = column.add(row, text, line);
      if (kind !== 'value') {
        this.checkField(column, kind, text, line);
      }
    }

    this.rowCount = row + 1;
  }

  /** Rejects an out-of-range field, or a missing one unless allowed. */
  private checkField(
    column: CsvColumn,
    kind: Exclude<FieldKind, 'value'>,
    text: string,
    line: number,
  ): void {
    const { missing, path } = this.options;
    const place = `column "${column.name}" on line ${line} of ${path}`;
    if (kind === 'out-of-range') {
      throw new DataError(
        `Number "${text.trim()}" in ${place} is out of range: numbers must ` +
          'be finite and between about -1.8e308 and 1.8e308.',
      );
    }

    if (missing === 'error') {
      // A delimiter at the end of every line makes such a column.
      const unnamedHint = this.unnamedIndices.has(column.index)
        ? ` That column has no name in the header: if it is empty, pass ` +
          `${dropFlag([column.name])}.`
        : '';
      throw new DataError(
        `Missing value in ${place}: pass --missing drop-rows to skip ` +
          'rows with missing values, or --missing mean to fill them in.' +
          unnamedHint,
      );
    }

    if (column === this.target && missing === 'mean') {
      throw new DataError(
        `Missing target value in ${place}: --missing mean fills in ` +
          'features only, so pass --missing drop-rows to skip such rows.',
      );
    }
  }

  /**
   * Grows every column to the row count that the bytes read so far
   * predict for the whole file.
   */
  private grow(bytesRead: number): void {
    const { fileBytes } = this.options;
    const estimatedRows = (this.rowCount * fileBytes) / Math.max(bytesRead, 1);
    this.capacity = Math.ceil(
      Math.max(estimatedRows * CAPACITY_MARGIN, this.capacity * MIN_GROWTH),
    );
    for (const column of this.columns) {
      column.resize(this.capacity, this.rowCount);
    }
  }

  private readHeader(record: readonly string[]): void {
    const { path, target, drop } = this.options;
    if (record.every((field) => field.trim() === '')) {
      throw new DataError(
        `${path} has no header line: expected column names on line 1.`,
      );
    }

    const names = record.map(
      (field, index) => field.trim() || `column ${index + 1}`,
    );
    this.unnamedIndices = new Set(
      record.flatMap((field, index) => (field.trim() === '' ? [index] : [])),
    );
    rejectDuplicates(names, path);
    const targetIndex = names.indexOf(target);
    if (targetIndex === -1) {
      throw new DataError(
        `Target column "${target}" not found in ${path}, read with ` +
          `delimiter ${describeDelimiter(this.options.delimiter)}: its ` +
          `columns are ${listNames(names)}. Pass one of them to --target.`,
      );
    }

    this.rejectDrop(names);
    const columns = names.map(
      (name, index) => new CsvColumn(name, index, this.capacity),
    );
    const used = columns.filter((column) => !drop.includes(column.name));
    this.names = names;
    this.target = columns[targetIndex]!;
    this.features = used.filter((column) => column !== this.target);
    this.columns = used;
    this.rejectNoFeatures();
  }

  private rejectDrop(names: readonly string[]): void {
    const { path, target, drop } = this.options;
    const unknown = drop.filter((name) => !names.includes(name));
    if (unknown.length > 0) {
      const noun = unknown.length === 1 ? 'such column' : 'such columns';
      throw new DataError(
        `Cannot drop ${listNames(unknown)}: ${path} has no ${noun}. ` +
          `Its columns are ${listNames(names)}.`,
      );
    }

    if (drop.includes(target)) {
      throw new DataError(
        `Cannot drop "${target}": it is the target column. Remove it from ` +
          '--drop, or pass another --target.',
      );
    }
  }

  private rejectNoFeatures(): void {
    const { path, delimiter } = this.options;
    if (this.features.length > 0) {
      return;
    }

    if (this.names.length === 1) {
      throw new DataError(
        `${path} has only the column "${this.names[0]}" when read with ` +
          `delimiter ${describeDelimiter(delimiter)}, so there are no ` +
          'features besides the target: pass the right --delimiter.',
      );
    }

    throw new DataError(
      `No feature columns left in ${path}: --drop leaves out every column ` +
        `but the target "${this.target!.name}". Keep at least one.`,
    );
  }
}

/** Rejects a header that names a column twice, listing every repeat. */
function rejectDuplicates(names: readonly string[], path: string): void {
  const positionsByName = new Map<string, number[]>();
  names.forEach((name, index) => {
    const positions = positionsByName.get(name) ?? [];
    positions.push(index + 1);
    positionsByName.set(name, positions);
  });
  const repeats = [...positionsByName]
    .filter(([, positions]) => positions.length > 1)
    .map(([name, positions]) => `"${name}" (columns ${joinAnd(positions)})`);
  if (repeats.length === 0) {
    return;
  }

  throw new DataError(
    `Duplicate column names in the header of ${path}: ` +
      `${joinAnd(repeats)}. Rename them so that each name is unique.`,
  );
}
