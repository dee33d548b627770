import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/** A run that cannot be found, with the one-line reason. */
export class RunNotFoundError extends Error {}

/**
 * Returns the folder of a stored run, named by its id (a folder in
 * `outDir`) or by a path to its folder. Throws RunNotFoundError for an
 * unknown id and for a folder without an event log.
 */
export function findRunFolder(outDir: string, run: string): string {
  const candidates = [path.join(outDir, run), run];
  const folder = candidates.find(
    (candidate) => existsSync(candidate) && statSync(candidate).isDirectory(),
  );
  if (!folder) {
    throw new RunNotFoundError(
      `Unknown run ${run} in ${outDir}: run traintop runs to list the ` +
        'stored runs, or pass --out with the folder that holds it.',
    );
  }

  if (!existsSync(path.join(folder, 'events.jsonl'))) {
    throw new RunNotFoundError(
      `${folder} is not a run folder: it has no events.jsonl.`,
    );
  }

  return folder;
}
