import { open, type FileHandle } from 'node:fs/promises';
import { freemem } from 'node:os';

import { formatBytes } from './messages.js';
import { DataError } from '../data-error.js';

/**
 * Estimated peak memory of a load per byte of CSV file. Each value sits in
 * a column array of 8-byte numbers while the file streams, then in the
 * data set's matrix. bench/csv-load.ts measured 2.3 on its file of
 * 8-character fields.
 *
 * NOTE: files of 1-character fields need about 8 bytes per file byte, so
 * the check can pass a file that then runs out of memory.
 */
const PEAK_BYTES_PER_FILE_BYTE = 3;

/** A CSV file opened for reading. */
export type OpenedCsvFile = {
  readonly handle: FileHandle;
  readonly bytes: number;
};

/**
 * Returns the bytes of memory a load may use: the free memory, or the
 * container's memory limit when that is lower.
 */
export function defaultMemoryLimit(): number {
  const constrainedBytes = process.constrainedMemory();

  return Math.min(freemem(), constrainedBytes || Infinity);
}

/**
 * Opens a CSV file and checks that it is a non-empty file that fits in
 * `memoryLimitBytes`. Throws a DataError naming the file otherwise.
 */
export async function openCsvFile(
  path: string,
  memoryLimitBytes: number,
): Promise<OpenedCsvFile> {
  const handle = await openForReading(path);
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) {
      throw new DataError(
        `${path} is a folder, not a file: pass the path of a CSV file.`,
      );
    }

    if (stats.size === 0) {
      throw new DataError(
        `${path} is empty: expected a header line and at least one data row.`,
      );
    }

    rejectLargeFile(path, stats.size, memoryLimitBytes);

    return { handle, bytes: stats.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function openForReading(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new DataError(`File not found: ${path}. Check the path.`);
    }

    if (code === 'EACCES' || code === 'EPERM') {
      throw new DataError(
        `Cannot read ${path}: permission denied. Make the file readable ` +
          'for your user.',
      );
    }

    throw new DataError(
      `Failed to open ${path} (${code ?? String(error)}): check that it ` +
        'is a readable file.',
      { cause: error },
    );
  }
}

function rejectLargeFile(
  path: string,
  bytes: number,
  memoryLimitBytes: number,
): void {
  const neededBytes = bytes * PEAK_BYTES_PER_FILE_BYTE;
  if (neededBytes <= memoryLimitBytes) {
    return;
  }

  throw new DataError(
    `${path} is too large to load: its ${formatBytes(bytes)} need ` +
      `about ${formatBytes(neededBytes)} of memory, but only ` +
      `${formatBytes(memoryLimitBytes)} is free. Load a sample of its ` +
      'rows, or free some memory.',
  );
}
