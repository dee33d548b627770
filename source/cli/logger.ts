import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';

import { pino, type Logger } from 'pino';

export type FileLogger = {
  readonly logger: Logger;
  /** Writes out buffered lines; call before the process exits. */
  flush(): void;
  /** The error that stopped the log, such as a full disk, or null. */
  failure(): Error | null;
};

/**
 * Opens the program's log. It goes to a file, never to stdout or stderr,
 * because the monitor owns the terminal while it draws. A write error, such
 * as a full disk, silences the log for the rest of the run instead of
 * stopping the run, and `failure` then returns the error.
 */
export function openLogFile(file: string): FileLogger {
  const destination = pino.destination({
    dest: file,
    mkdir: true,
    sync: false,
  });
  const logger = pino(
    { level: process.env['TRAINTOP_LOG_LEVEL'] ?? 'info' },
    destination,
  );
  let failure: Error | null = null;
  destination.on('error', (error: Error) => {
    failure ??= error;
    logger.level = 'silent';
    // NOTE: sonic-boom 4.2 retries a failed synchronous flush forever when
    // the error is not EAGAIN, and pino flushes synchronously at exit.
    // Destroying the stream makes pino skip that flush.
    destination.destroy();
  });

  return {
    logger,
    flush: () => {
      // A stream still opening its file has nothing to flush yet.
      if (failure || (destination as unknown as { fd: number }).fd < 0) {
        return;
      }

      try {
        destination.flushSync();
      } catch (error) {
        failure = error as Error;
      }
    },
    failure: () => failure,
  };
}

/** Returns why the log file cannot be written, or null when it can. */
export function checkLogFile(logPath: string): string | null {
  try {
    mkdirSync(path.dirname(path.resolve(logPath)), { recursive: true });
    closeSync(openSync(logPath, 'a'));

    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';

    return (
      `Cannot write the log file ${logPath} (${code}): ` +
      'pass --log with a writable path.'
    );
  }
}
