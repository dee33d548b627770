import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';

/** The files of one run. */
export type RunDirectory = {
  readonly path: string;
  /** Every event of the run, one JSON object per line. */
  readonly eventsFile: string;
  /** The program's own log, unless `--log` names another file. */
  readonly logFile: string;
  /** The SQLite store of the run. */
  readonly databaseFile: string;
};

/** Failure to create a run's folder, with the one-line reason. */
export class RunDirectoryError extends Error {}

/**
 * Creates the folder of a new run inside `outDir`. Throws a
 * RunDirectoryError naming the folder when it cannot be created or written.
 */
export function createRunDirectory(outDir: string, runId: string) {
  const folder = path.join(outDir, runId);
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new RunDirectoryError(
      `Cannot create the run folder ${folder} (${code}): pass --out with a ` +
        'writable folder.',
    );
  }

  return {
    path: folder,
    eventsFile: path.join(folder, 'events.jsonl'),
    logFile: path.join(folder, 'traintop.log'),
    databaseFile: path.join(folder, 'run.db'),
  } satisfies RunDirectory;
}
