import type { FileHandle } from 'node:fs/promises';

import { CsvError, parse } from 'csv-parse/sync';

/** Delimiters tried when none is given, in order of preference on a tie. */
const CANDIDATE_DELIMITERS = [',', ';', '\t'] as const;

/** Bytes read from the start of the file to detect the delimiter. */
const SAMPLE_BYTES = 64 * 1024;

/** Lines of the sample that a candidate must split into equal records. */
const SAMPLE_LINES = 20;

const NEWLINE = 0x0a;

/**
 * Detects the delimiter of a CSV file: of comma, semicolon and tab, the
 * one that splits the header into the most fields while every other line
 * of the sample has as many. csv-parse reads the sample with each
 * candidate, so delimiters inside quoted fields do not count. Returns a
 * comma when no candidate splits the header.
 *
 * csv-parse's own `delimiter_auto` is not used: in csv-parse 7.0.3 it
 * counts every character, so on a numeric file it can pick a digit, and it
 * fails on a quoted header or a byte order mark.
 */
export async function detectDelimiter(
  handle: FileHandle,
  fileBytes: number,
): Promise<string> {
  const sample = await readSample(handle, fileBytes);
  let best: { delimiter: string; fieldCount: number } = {
    delimiter: ',',
    fieldCount: 1,
  };
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const fieldCount = countEvenFields(sample, delimiter);
    if (fieldCount > best.fieldCount) {
      best = { delimiter, fieldCount };
    }
  }

  return best.delimiter;
}

/** Reads the start of the file, cut after its last whole line. */
async function readSample(
  handle: FileHandle,
  fileBytes: number,
): Promise<Buffer> {
  const length = Math.min(SAMPLE_BYTES, fileBytes);
  const { buffer, bytesRead } = await handle.read({
    buffer: Buffer.alloc(length),
    position: 0,
  });
  const sample = buffer.subarray(0, bytesRead);
  const lastNewline = sample.lastIndexOf(NEWLINE);
  if (bytesRead === fileBytes || lastNewline === -1) {
    return sample;
  }

  return sample.subarray(0, lastNewline + 1);
}

/**
 * Returns the header's field count, or 0 when the sample is not valid CSV
 * with this delimiter: csv-parse rejects a record whose field count differs
 * from the header's.
 */
function countEvenFields(sample: Buffer, delimiter: string): number {
  try {
    const records = parse(sample, {
      delimiter,
      bom: true,
      skip_empty_lines: true,
      to_line: SAMPLE_LINES,
    });

    return records[0]?.length ?? 0;
  } catch (error) {
    if (error instanceof CsvError) {
      return 0;
    }

    throw error;
  }
}
