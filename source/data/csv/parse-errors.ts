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
          QUOTE_RULE,
      );
    }

    case 'INVALID_OPENING_QUOTE': {
      const index = error['column'];
      const name = typeof index === 'number' ? table.names[index] : undefined;
      const column = name === undefined ? '' : `, column "${name}"`;

      return new DataError(
        `Invalid quote on ${where}${column}: a field that does not start ` +
          `with a quote contains one. ${QUOTE_RULE}`,
      );
    }

    case 'CSV_QUOTE_NOT_CLOSED': {
      const start =
        table.lastLine === 0 ? 'on line 1' : `after line ${table.lastLine}`;

      return new DataError(
        `Unclosed quote in ${path}: a quoted field that starts ${start} ` +
          'has no closing quote. Add the missing quote.',
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
