import { PassThrough, Writable } from 'node:stream';

/** Size of the terminal the benchmarks draw on, in cells and lines. */
export const TERMINAL_COLUMNS = 80;
export const TERMINAL_ROWS = 24;

/**
 * A terminal that counts what is written to it and throws the bytes away.
 * It reports itself as a TTY of TERMINAL_COLUMNS x TERMINAL_ROWS, so Ink
 * draws frames and erases lines exactly as it would on a real terminal.
 */
export class FakeTerminal extends Writable {
  readonly isTTY = true;
  readonly columns = TERMINAL_COLUMNS;
  readonly rows = TERMINAL_ROWS;
  /** Bytes written so far, escape sequences included. */
  bytesWritten = 0;
  /** Calls to `write` so far. Ink makes one or more per frame. */
  writeCount = 0;

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    // Writable turns strings into Buffers first, so length is in bytes.
    this.bytesWritten += chunk.length;
    this.writeCount += 1;
    callback();
  }
}

/**
 * Returns keyboard input that is not a TTY and never sends a key, as when
 * the monitor runs with its input redirected.
 */
export function createIdleInput(): PassThrough {
  return new PassThrough();
}
