import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

import { CsvError, parse } from 'csv-parse';

import { buildDataset } from './build-dataset.js';
import { defaultMemoryLimit, openCsvFile } from './file.js';
import { describeCsvError } from './parse-errors.js';
import { CsvTable } from './table.js';
import type { MissingPolicy } from '../data-options.js';
import type { Dataset, Task } from '../dataset.js';
import { DataError } from '../data-error.js';
import { detectDelimiter } from './detect-delimiter.js';
import { TextCheck } from './text-check.js';

export { DataError } from '../data-error.js';

/**
 * Bytes per read. Chunks of 1 MiB were no faster in bench/csv-load.ts but
 * raised the peak memory by about 35 MiB on its 40 MiB file: freed chunks
 * of that size linger in the process.
 */
const CHUNK_BYTES = 64 * 1024;

/** How to read a CSV file and what to predict. */
export type CsvOptions = {
  /** Name of the column to predict. */
  readonly target: string;
  /** Field delimiter, or null to detect comma, semicolon or tab. */
  readonly delimiter: string | null;
  /** Columns to leave out. */
  readonly drop: readonly string[];
  /** Policy for missing values: fail, drop their rows, or fill them in. */
  readonly missing: MissingPolicy;
  /** The task, or null to choose it from the target column. */
  readonly task: Task | null;
  /**
   * Memory the load may use, in bytes. Default: the free memory, or the
   * container's limit when that is lower.
   */
  readonly memoryLimitBytes?: number;
};

/** A loaded CSV file and what identifies the bytes it came from. */
export type LoadedCsv = {
  readonly dataset: Dataset;
  /** SHA-256 of the file's bytes, in hex. */
  readonly sha256: string;
  /** Size of the file in bytes. */
  readonly bytes: number;
  /** The delimiter given, or the one detected. */
  readonly delimiter: string;
};

/** Characters that cannot be a delimiter, because CSV gives them a role. */
const RESERVED_CHARACTERS = ['"', '\r', '\n'];

/**
 * Loads a CSV file with a header line as a data set named after the file.
 * Streams the file through csv-parse into typed-array columns. The peak
 * memory is about 2.4 times the file size on the 100,000-row file of
 * bench/csv-load.ts. Throws a DataError with a one-line message for any
 * file it cannot use.
 */
export async function loadCsv(
  file: string,
  options: CsvOptions,
): Promise<LoadedCsv> {
  const { target, drop, missing, task } = options;
  rejectDelimiter(options.delimiter);
  const { handle, bytes } = await openCsvFile(
    file,
    options.memoryLimitBytes ?? defaultMemoryLimit(),
  );
  try {
    const delimiter =
      options.delimiter ?? (await detectDelimiter(handle, bytes));
    const table = new CsvTable({
      path: file,
      fileBytes: bytes,
      delimiter,
      target,
      drop,
      missing,
    });
    const sha256 = await readRecords(handle, table, file, delimiter);
    const dataset = buildDataset(table, {
      name: path.basename(file),
      path: file,
      missing,
      task,
    });

    return { dataset, sha256, bytes, delimiter };
  } finally {
    await handle.close();
  }
}

/**
 * Streams the file's records into `table`, checking that it is UTF-8 text
 * on the way, and returns the SHA-256 of its bytes.
 */
async function readRecords(
  handle: FileHandle,
  table: CsvTable,
  file: string,
  delimiter: string,
): Promise<string> {
  const hash = createHash('sha256');
  const textCheck = new TextCheck(file);
  const parser = parse({
    delimiter,
    bom: true,
    skip_empty_lines: true,
    // Returning null leaves csv-parse nothing to queue, so each record is
    // garbage as soon as the table has copied its fields.
    on_record: (record: string[], context) => {
      table.addRecord(record, context);

      return null;
    },
  });
  // The parser's readable side carries no records, but it must flow to end.
  parser.resume();
  try {
    await pipeline(
      handle.createReadStream({
        start: 0,
        highWaterMark: CHUNK_BYTES,
        autoClose: false,
      }),
      async function* checkChunks(chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          textCheck.check(chunk);
          hash.update(chunk);
          yield chunk;
        }

        textCheck.finish();
      },
      parser,
    );
  } catch (error) {
    throw describeReadError(error, file, delimiter, table);
  }

  return hash.digest('hex');
}

function rejectDelimiter(delimiter: string | null): void {
  if (delimiter === null) {
    return;
  }

  if ([...delimiter].length !== 1 || RESERVED_CHARACTERS.includes(delimiter)) {
    throw new DataError(
      `Invalid delimiter ${JSON.stringify(delimiter)}: expected one ` +
        'character other than a double quote or a line break.',
    );
  }
}

function describeReadError(
  error: unknown,
  file: string,
  delimiter: string,
  table: CsvTable,
): unknown {
  if (error instanceof CsvError) {
    return describeCsvError(error, file, delimiter, table);
  }

  const code = (error as NodeJS.ErrnoException).code;
  if (!(error instanceof DataError) && typeof code === 'string') {
    return new DataError(`Failed to read ${file}: ${code}.`, {
      cause: error,
    });
  }

  return error;
}
