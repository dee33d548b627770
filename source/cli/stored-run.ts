import path from 'node:path';

import { reduceRunEvents } from '../state/reducer.js';
import { createRunState, type RunState } from '../state/run-state.js';
import { readEventLog } from '../store/event-log-reader.js';
import { findRunFolder } from '../store/find-run.js';
import { isProcessAlive, processIdOf } from '../store/stored-runs.js';

/** A stored run as the commands that read one see it. */
export type StoredRun = {
  readonly state: RunState;
  readonly log: Awaited<ReturnType<typeof readEventLog>>;
  /** Whether a live process is training the run now. */
  readonly isRunning: boolean;
  /** The run's folder. */
  readonly folder: string;
};

/**
 * Finds run `run` under `outDir`, by id or folder, and folds its event
 * log. Throws RunNotFoundError or EventLogError for the caller to report.
 */
export async function readStoredRun(
  outDir: string,
  run: string,
): Promise<StoredRun> {
  const folder = findRunFolder(outDir, run);
  const log = await readEventLog(path.join(folder, 'events.jsonl'));
  const state = reduceRunEvents(createRunState(), log.events);
  const isRunning =
    state.finishedAt === null && isProcessAlive(processIdOf(state.runId));

  return { state, log, isRunning, folder };
}
