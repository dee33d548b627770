import type { CsvError } from 'csv-parse';

import { describeDelimiter } from './messages.js';
import type { CsvTable } from './table.js';
import { DataError } from '../data-error.js';

/** Advice for every quote error: how CSV writes a quote inside a field. */
const QUOTE_RULE =
  'Put quotes around the whole field, and write a quote inside it as two ' +
  'quotes ("").';

/**
 * Rewords a csv-parse error as a one-line DataError in the user's terms:
 * the file, the line, what is wrong and how to fix it.
 */
export function describeCsvError(
  error: CsvError,
  path: string,
  delimiter: string,
  table: CsvTable,
): DataError {
  const line = typeof error['lines'] === 'number' ? error['lines'] : null;
  const where = `line ${line ?? '?'} of ${path}`;
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const record = error['record'];
      const fieldCount = Array.isArray(record) ? record.length : '?';
      const fields = fieldCount === 1 ? 'field' : 'fields';

      return new DataError(
        `Line ${line ?? '?'} of ${path} has ${fieldCount} ${fields}, but the ` +
          `header has ${table.names.length}: fix that row, and quote any ` +
          `field that contains the delimiter ` +
          `${describeDelimiter(delimiter)}.`,
      );
    }

    case 'CSV_INVALID_CLOSING_QUOTE': {
      return new DataError(
        `Invalid quoted field on ${where}: text follows its closing quote. ` +
          adviseOnQuotes(delimiter, table),
      );
    }

    case 'INVALID_OPENING_QUOTE': {
      return new DataError(
        `Invalid quote on ${where}${nameColumn(error, table)}: a field that ` +
          'does not start with a quote contains one. ' +
          adviseOnQuotes(delimiter, table),
      );
    }

    case 'CSV_QUOTE_NOT_CLOSED': {
      return new DataError(
        `Unclosed quote in the record that starts on line ` +
          `${findRecordStart(error, table)} of ${path}` +
          `${nameColumn(error, table)}: its quoted field has no closing ` +
          'quote before the end of the file. Add the missing quote.',
      );
    }

    default: {
      return new DataError(
        `Cannot parse ${where}: csv-parse reports ${error.code}. Check the ` +
          'quotes and delimiters on that line.',
        { cause: error },
      );
    }
  }
}

/**
 * Returns the quote rule, after a delimiter hint for an error in the
 * header: a file read with the wrong delimiter fails there when its header
 * fields are quoted, as in `"name";"quality"` read with a comma.
 */
function adviseOnQuotes(delimiter: string, table: CsvTable): string {
  if (table.names.length > 0) {
    return QUOTE_RULE;
  }

  return (
    `The file was read with delimiter ${describeDelimiter(delimiter)}, ` +
    'so if it uses another delimiter, pass that with --delimiter. ' +
    QUOTE_RULE
  );
}

/** Returns `, column "name"` for the field csv-parse failed on, or ''. */
function nameColumn(error: CsvError, table: CsvTable): string {
  const index = error['column'];
  const name = typeof index === 'number' ? table.names[index] : undefined;

  return name === undefined ? '' : `, column "${name}"`;
}

/**
 * Returns the line on which the record that csv-parse failed in starts: the
 * line after the last record read, past the blank lines skipped since.
 *
 * NOTE: csv-parse 7.0.3 reports the line where it stopped, not where the
 * failing field starts. A field after one that spans lines starts later
 * than its record.
 */
function findRecordStart(error: CsvError, table: CsvTable): number {
  const skippedLineCount = error['empty_lines'];
  const skippedSince =
    typeof skippedLineCount === 'number'
      ? skippedLineCount - table.skippedLineCount
      : 0;

  return table.lastLine + 1 + skippedSince;
}
