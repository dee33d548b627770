import { DataError } from '../data-error.js';

const NEWLINE = 0x0a;

/**
 * Check that a file is UTF-8 text without NUL bytes. It takes the file's
 * chunks in order, so a character may span two chunks, and its errors name
 * the line of the first bad byte.
 */
export class TextCheck {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  /** File line on which the next chunk starts. */
  private line = 1;

  constructor(private readonly path: string) {}

  /** Throws a DataError when `chunk` has a NUL byte or invalid UTF-8. */
  check(chunk: Buffer): void {
    const nulOffset = chunk.indexOf(0);
    if (nulOffset !== -1) {
      throw this.reject(chunk, nulOffset, 'a NUL byte');
    }

    try {
      // The decoded text is thrown away: only the check is needed.
      this.decoder.decode(chunk, { stream: true });
    } catch {
      throw this.reject(chunk, findInvalidUtf8(chunk), 'invalid UTF-8');
    }

    this.line += countNewlines(chunk, chunk.length);
  }

  /** Rejects a file that ends in the middle of a UTF-8 character. */
  finish(): void {
    try {
      this.decoder.decode();
    } catch {
      throw this.reject(Buffer.alloc(0), 0, 'invalid UTF-8');
    }
  }

  private reject(chunk: Buffer, offset: number, problem: string): DataError {
    const line = this.line + countNewlines(chunk, offset);

    return new DataError(
      `${this.path} is not UTF-8 text: line ${line} contains ${problem}. ` +
        'Pass a CSV file saved as UTF-8 text.',
    );
  }
}

/**
 * Returns the offset of the byte at which UTF-8 decoding of `chunk` fails,
 * by bisecting on prefixes. A prefix that ends inside a character still
 * decodes in stream mode, so only a truly invalid byte fails it. Returns 0
 * when the chunk decodes alone, because the fault is then in a character
 * that started in the chunk before.
 */
function findInvalidUtf8(chunk: Buffer): number {
  const decodes = (end: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(chunk.subarray(0, end), {
        stream: true,
      });

      return true;
    } catch {
      return false;
    }
  };
  let goodEnd = 0;
  let badEnd = chunk.length;
  if (decodes(badEnd)) {
    return 0;
  }

  while (badEnd - goodEnd > 1) {
    const middle = Math.floor((goodEnd + badEnd) / 2);
    if (decodes(middle)) {
      goodEnd = middle;
    } else {
      badEnd = middle;
    }
  }

  return goodEnd;
}

function countNewlines(bytes: Buffer, end: number): number {
  let count = 0;
  let index = bytes.indexOf(NEWLINE);
  while (index !== -1 && index < end) {
    count += 1;
    index = bytes.indexOf(NEWLINE, index + 1);
  }

  return count;
}
