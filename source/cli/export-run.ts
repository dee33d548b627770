import path from 'node:path';

import { reduceRunEvents } from '../state/reducer.js';
import { createRunState } from '../state/run-state.js';
import { EventLogError, readEventLog } from '../store/event-log-reader.js';
import {
  chunkRows,
  toCsv,
  trialRows,
  type ChunkRow,
  type TrialRow,
} from '../store/export-run.js';
import { findRunFolder, RunNotFoundError } from '../store/find-run.js';
import { parseRunCommand } from './command-args.js';
import { warnIfCutShort } from './cut-short-warning.js';
import { rejectInput } from './exit-codes.js';

const TRIAL_COLUMNS: readonly (keyof TrialRow)[] = [
  'trial',
  'trees',
  'maxFeatures',
  'maxDepth',
  'seed',
  'status',
  'attempts',
  'trainScore',
  'testScore',
  'oobScore',
  'testScoreSpread',
  'macroF1',
  'trainRmse',
  'testRmse',
  'elapsedMs',
  'error',
];

const CHUNK_COLUMNS: readonly (keyof ChunkRow)[] = [
  'trial',
  'attempt',
  'treesDone',
  'elapsedMs',
  'trainScore',
  'testScore',
  'oobScore',
  'at',
];

/**
 * Prints a stored run's trials and per-chunk metrics: as one JSON document
 * with `--format json`, or as CSV of one table (`--table trials|chunks`)
 * with `--format csv`. Returns the exit code.
 */
export async function exportRun(argv: readonly string[]): Promise<number> {
  const args = parseRunCommand('export', argv);
  if (typeof args === 'number') {
    return args;
  }

  const format = args.values['format'] ?? 'json';
  const table = args.values['table'] ?? 'trials';
  if (format !== 'json' && format !== 'csv') {
    return rejectInput(`Invalid --format "${format}": expected csv or json.`);
  }
  if (table !== 'trials' && table !== 'chunks') {
    return rejectInput(
      `Invalid --table "${table}": expected trials or chunks.`,
    );
  }

  try {
    const folder = findRunFolder(args.outDir, args.run);
    const log = await readEventLog(path.join(folder, 'events.jsonl'));
    warnIfCutShort(log);
    const { events } = log;
    const state = reduceRunEvents(createRunState(), events);
    const trials = trialRows(state);
    const chunks = chunkRows(events);

    if (format === 'json') {
      const document = {
        runId: state.runId,
        job: state.job,
        data: state.data,
        trials,
        chunks,
      };
      process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    } else if (table === 'trials') {
      process.stdout.write(toCsv(trials, TRIAL_COLUMNS));
    } else {
      process.stdout.write(toCsv(chunks, CHUNK_COLUMNS));
    }

    return 0;
  } catch (error) {
    if (error instanceof RunNotFoundError || error instanceof EventLogError) {
      return rejectInput(error.message);
    }
    throw error;
  }
}
