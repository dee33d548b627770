import path from 'node:path';

import { reduceRunEvents } from '../state/reducer.js';
import { createRunState } from '../state/run-state.js';
import { EventLogError, readEventLog } from '../store/event-log-reader.js';
import { findRunFolder, RunNotFoundError } from '../store/find-run.js';
import { isProcessAlive, processIdOf } from '../store/stored-runs.js';
import { parseRunCommand } from './command-args.js';
import { warnIfCutShort } from './cut-short-warning.js';
import { formatSummary, summaryOptionsFor } from './summary.js';
import { rejectInput } from './exit-codes.js';

/** Prints the summary of one stored run. Returns the exit code. */
export async function showRun(argv: readonly string[]): Promise<number> {
  const args = parseRunCommand('show', argv);
  if (typeof args === 'string') {
    return rejectInput(args);
  }

  try {
    const folder = findRunFolder(args.outDir, args.run);
    const log = await readEventLog(path.join(folder, 'events.jsonl'));
    const state = reduceRunEvents(createRunState(), log.events);
    const isRunning =
      state.finishedAt === null && isProcessAlive(processIdOf(state.runId));
    process.stdout.write(
      formatSummary(state, {
        ...summaryOptionsFor(process.stdout),
        isRunning,
      }),
    );
    warnIfCutShort(log);

    return 0;
  } catch (error) {
    if (error instanceof RunNotFoundError || error instanceof EventLogError) {
      return rejectInput(error.message);
    }
    throw error;
  }
}
