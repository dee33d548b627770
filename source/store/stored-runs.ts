import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { reduceRunEvents } from '../state/reducer.js';
import { createRunState, type RunState } from '../state/run-state.js';
import { readEventLog } from './event-log-reader.js';

/** The state of a stored run. */
export type StoredRunStatus = 'completed' | 'stopped' | 'running' | 'ended';

/** One stored run, folded from its event log. */
export type StoredRun = {
  readonly id: string;
  readonly folder: string;
  readonly state: RunState;
  /**
   * `running` while the process that writes it is alive, `ended` when it
   * died before the run finished, as after a crash or `kill -9`.
   */
  readonly status: StoredRunStatus;
  /** Line number of a last event cut short by a crash, or null. */
  readonly truncatedLine: number | null;
};

/**
 * Lists the runs stored in `outDir`, oldest first. Folders without an
 * events.jsonl are not runs and are skipped.
 */
export async function listStoredRuns(outDir: string): Promise<StoredRun[]> {
  if (!existsSync(outDir)) {
    return [];
  }

  const folders = readdirSync(outDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(outDir, entry.name))
    .filter((folder) => existsSync(path.join(folder, 'events.jsonl')))
    .sort();

  return Promise.all(folders.map((folder) => readStoredRun(folder)));
}

async function readStoredRun(folder: string): Promise<StoredRun> {
  const log = await readEventLog(path.join(folder, 'events.jsonl'));
  const state = reduceRunEvents(createRunState(), log.events);
  const id = state.runId || path.basename(folder);

  return {
    id,
    folder,
    state,
    status: statusOf(state, id),
    truncatedLine: log.truncatedLine,
  };
}

function statusOf(state: RunState, runId: string): StoredRunStatus {
  if (state.finishReason !== null) {
    return state.finishReason;
  }

  return isProcessAlive(processIdOf(runId)) ? 'running' : 'ended';
}

/** Run ids end in the id of the process that ran them: `…-12345`. */
export function processIdOf(runId: string): number | null {
  const match = /-(\d+)$/.exec(runId);

  return match ? Number(match[1]) : null;
}

export function isProcessAlive(pid: number | null): boolean {
  if (pid === null) {
    return false;
  }

  try {
    process.kill(pid, 0);

    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
