import { pino, type Logger } from 'pino';

export type FileLogger = {
  readonly logger: Logger;
  /** Writes out buffered lines; call before the process exits. */
  flush(): void;
};

/**
 * Opens the program's log. It goes to a file, never to stdout or stderr,
 * because the monitor owns the terminal while it draws.
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

  return {
    logger,
    flush: () => destination.flushSync(),
  };
}
