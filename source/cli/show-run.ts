import { EventLogError } from '../store/event-log-reader.js';
import { RunNotFoundError } from '../store/find-run.js';
import { parseRunCommand } from './command-args.js';
import { warnIfCutShort } from './cut-short-warning.js';
import { readStoredRun } from './stored-run.js';
import { formatSummary, summaryOptionsFor } from './summary.js';
import { rejectInput } from './exit-codes.js';

/** Prints the summary of one stored run. Returns the exit code. */
export async function showRun(argv: readonly string[]): Promise<number> {
  const args = parseRunCommand('show', argv);
  if (typeof args === 'number') {
    return args;
  }

  try {
    const { state, log, isRunning } = await readStoredRun(
      args.outDir,
      args.run,
    );
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
