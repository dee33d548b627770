import { closeSync, openSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Metadata in the first line of a recording. */
export type CastHeader = {
  /** Terminal size at the start, in columns. */
  readonly width: number;
  /** Terminal size at the start, in rows. */
  readonly height: number;
  /** Title that players show, such as `traintop run 20250601T120000-4242`. */
  readonly title?: string;
  /** Environment of the session, usually TERM and SHELL. */
  readonly env?: Readonly<Record<string, string>>;
};

/** Clock of event times in ms. Only differences between readings matter. */
export type Clock = () => number;

/** Digits after the point of event times in seconds: microseconds. */
const TIME_DIGITS = 6;

const MS_PER_SECOND = 1000;

/**
 * Records a terminal session as an asciicast v2 file
 * (https://docs.asciinema.org/manual/asciicast/v2/): a JSON header on the
 * first line, then one JSON array per event, `[seconds, "o", text]` for
 * output and `[seconds, "r", "COLSxROWS"]` for a resize.
 *
 * Every line reaches the file in one synchronous write as it happens, so a
 * process killed at any moment, even by SIGKILL, leaves a valid recording up
 * to its last complete line. A failed write, such as on a full disk, ends
 * the recording there and is kept in `failure`: the session goes on.
 */
export class CastWriter {
  private fd: number | null;
  private readonly startMs: number;
  /** Time of the last event, in seconds, so times never go back. */
  private lastSeconds = 0;
  private writeError: Error | null = null;

  /**
   * Creates or truncates `path` and writes the header. Throws the file
   * system's error when the file cannot be opened.
   */
  constructor(
    readonly path: string,
    header: CastHeader,
    private readonly clock: Clock = () => performance.now(),
  ) {
    this.fd = openSync(path, 'w');
    this.startMs = clock();
    this.writeLine(
      JSON.stringify({
        version: 2,
        width: header.width,
        height: header.height,
        timestamp: Math.floor(Date.now() / MS_PER_SECOND),
        ...(header.title === undefined ? {} : { title: header.title }),
        ...(header.env === undefined ? {} : { env: header.env }),
      }),
    );
  }

  /** The error that ended the recording early, or null. */
  get failure(): Error | null {
    return this.writeError;
  }

  /** Records text sent to the terminal, escape sequences included. */
  writeOutput(text: string): void {
    if (text !== '') {
      this.writeEvent('o', text);
    }
  }

  /** Records a new terminal size, in columns and rows. */
  writeResize(columns: number, rows: number): void {
    this.writeEvent('r', `${columns}x${rows}`);
  }

  /** Closes the file. Events after that are dropped. */
  close(): void {
    if (this.fd === null) {
      return;
    }

    const fd = this.fd;
    this.fd = null;
    try {
      closeSync(fd);
    } catch (error) {
      this.writeError ??= error as Error;
    }
  }

  private writeEvent(code: 'o' | 'r', data: string): void {
    const seconds = (this.clock() - this.startMs) / MS_PER_SECOND;
    // Players expect times in order, and an injected clock may step back.
    this.lastSeconds = Math.max(this.lastSeconds, seconds);
    const time = this.lastSeconds.toFixed(TIME_DIGITS);
    this.writeLine(`[${time}, "${code}", ${JSON.stringify(data)}]`);
  }

  private writeLine(line: string): void {
    if (this.fd === null) {
      return;
    }

    const bytes = Buffer.from(`${line}\n`, 'utf8');
    try {
      // writeSync may write less than asked, as on a nearly full disk.
      let written = 0;
      while (written < bytes.length) {
        written += writeSync(this.fd, bytes, written);
      }
    } catch (error) {
      this.writeError = error as Error;
      this.close();
    }
  }
}

/** Returns TERM and SHELL from `env`, each only when it is set. */
export function sessionEnv(
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of ['TERM', 'SHELL']) {
    const value = env[name];
    if (value !== undefined && value !== '') {
      picked[name] = value;
    }
  }

  return picked;
}
