import {
  accessSync,
  constants,
  existsSync,
  readFileSync,
  truncateSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';

import { DataError } from '../data/data-error.js';
import { reopenDataset } from '../data/open-dataset.js';
import type { DataSource, EventOf } from '../state/events.js';
import { reduceRunEvents } from '../state/reducer.js';
import { createRunState } from '../state/run-state.js';
import { EventLogError, readEventLog } from '../store/event-log-reader.js';
import { findRunFolder, RunNotFoundError } from '../store/find-run.js';
import { isProcessAlive, processIdOf } from '../store/stored-runs.js';
import {
  checkRecordTarget,
  describeRecordConflict,
} from '../record/record-target.js';
import { parseRunCommand } from './command-args.js';
import { executeRun } from './execute-run.js';
import { defaultPool } from './flags.js';
import { DEFAULT_TICK_MS } from './flag-table.js';
import { rejectInput } from './exit-codes.js';
import { checkQueue, readQueueFlags } from './queue-flags.js';

/** A run that cannot be resumed, with the one-line reason. */
class CannotResumeError extends Error {}

/**
 * Finishes a run whose process stopped or died, even by SIGKILL: trials
 * with a result keep it, and the others are trained again from the start
 * with the same seeds and split, appending to the same event log. Returns
 * the exit code.
 */
export async function resumeRun(argv: readonly string[]): Promise<number> {
  const args = parseRunCommand('resume', argv);
  if (typeof args === 'number') {
    return args;
  }

  const output = args.values['json']
    ? 'json'
    : args.values['plain']
      ? 'plain'
      : 'monitor';
  const recordPath = stringArg(args.values['record']);
  const recordProblem =
    recordPath === undefined
      ? null
      : output === 'monitor'
        ? checkRecordTarget(recordPath, process.stdout.isTTY === true)
        : describeRecordConflict(output);
  if (recordProblem) {
    return rejectInput(recordProblem);
  }

  const queue = readQueueFlags(
    stringArg(args.values['redis']),
    stringArg(args.values['prefix']),
  );
  if (typeof queue === 'string') {
    return rejectInput(queue);
  }

  try {
    const folder = findRunFolder(args.outDir, args.run);
    const eventsFile = path.join(folder, 'events.jsonl');
    const log = await readEventLog(eventsFile);
    const started = findStart(log.events, folder);
    const state = reduceRunEvents(createRunState(), log.events);
    if (state.finishReason === 'completed') {
      process.stdout.write(`Run ${state.runId} already completed.\n`);

      return 0;
    }

    checkNotRunning(state.runId);
    checkWritable(folder);
    checkDatabaseFree(path.join(folder, 'run.db'));
    // Read the data first: bad data must leave the stored run as it was.
    const dataset = await reopenDataset(started.data.csv, started.data.task);
    const queueProblem = queue ? await checkQueue(queue) : null;
    if (queueProblem) {
      return rejectInput(queueProblem);
    }
    if (log.truncatedLine !== null) {
      dropCutShortLine(eventsFile, log.truncatedLine);
    }

    const doneTrialIds = new Set(
      Object.values(state.trials)
        .filter(
          (trial) =>
            trial.status === 'finished' ||
            trial.status === 'failed' ||
            trial.status === 'pruned',
        )
        .map((trial) => trial.spec.id),
    );

    return await executeRun(
      {
        runId: state.runId,
        folder: {
          path: folder,
          eventsFile,
          logFile: path.join(folder, 'traintop.log'),
          databaseFile: path.join(folder, 'run.db'),
        },
        logPath: path.join(folder, 'traintop.log'),
        trials: started.trials,
        dataset,
        dataSource: started.data,
        ...poolFor(started),
        retries: started.retries ?? 1,
        initialState: state,
        doneTrialIds,
        queue,
        // The trials left start the search again from its first rung: the
        // checkpoints of those that were between rungs are not stored.
        ...(started.halving ? { halving: started.halving } : {}),
      },
      {
        output,
        tickMs: DEFAULT_TICK_MS,
        ...(recordPath === undefined ? {} : { recordPath }),
      },
    );
  } catch (error) {
    if (
      error instanceof RunNotFoundError ||
      error instanceof EventLogError ||
      error instanceof CannotResumeError ||
      error instanceof DataError
    ) {
      return rejectInput(error.message);
    }
    throw error;
  }
}

function findStart(
  events: Awaited<ReturnType<typeof readEventLog>>['events'],
  folder: string,
): EventOf<'run-started'> & { readonly data: DataSource } {
  const started = events.find(
    (event): event is EventOf<'run-started'> => event.kind === 'run-started',
  );
  if (!started) {
    throw new CannotResumeError(
      `Cannot resume ${folder}: its event log has no run-started event.`,
    );
  }

  if (!started.data) {
    throw new CannotResumeError(
      `Cannot resume ${folder}: its log does not record the data split, ` +
        'so the trials cannot be trained again on the same rows.',
    );
  }

  return { ...started, data: started.data };
}

function checkNotRunning(runId: string): void {
  const pid = processIdOf(runId);
  if (pid !== null && pid !== process.pid && isProcessAlive(pid)) {
    throw new CannotResumeError(
      `Cannot resume ${runId}: process ${pid} is still running it; ` +
        `follow it with traintop watch ${runId}.`,
    );
  }
}

function checkWritable(folder: string): void {
  for (const target of [folder, path.join(folder, 'events.jsonl')]) {
    try {
      accessSync(target, constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new CannotResumeError(
        `Cannot resume from ${target} (${code}): the run's folder and its ` +
          'files must be writable; fix their permissions and try again.',
      );
    }
  }
}

/** Time to wait for another process's lock on run.db, in ms. */
const DATABASE_LOCK_WAIT_MS = 500;

/** Rejects a run.db that another process holds a write lock on. */
function checkDatabaseFree(databaseFile: string): void {
  if (!existsSync(databaseFile)) {
    return;
  }

  const database = new Database(databaseFile, {
    timeout: DATABASE_LOCK_WAIT_MS,
  });
  try {
    database.exec('BEGIN IMMEDIATE');
    database.exec('ROLLBACK');
  } catch (error) {
    throw new CannotResumeError(
      `Cannot resume: ${databaseFile} is locked by another process ` +
        `(${(error as Error).message}); close that process and try again.`,
    );
  } finally {
    database.close();
  }
}

/**
 * Cuts the log back to its last whole line, so the events appended next
 * start on a line of their own. Only the cut-short line, which has no
 * readable event, is lost.
 */
function dropCutShortLine(eventsFile: string, lineNumber: number): void {
  const bytes = readFileSync(eventsFile);
  const lastLineEnd = bytes.lastIndexOf(0x0a);
  truncateSync(eventsFile, lastLineEnd + 1);
  process.stderr.write(
    `warning: dropped line ${lineNumber} of ${eventsFile}, which a crash ` +
      'cut short.\n',
  );
}

function stringArg(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Returns the local pool of a resumed run: the one it started with, or the
 * default pool for a run that started on a Redis queue and has none.
 */
function poolFor(started: EventOf<'run-started'>) {
  return started.maxPoolSize > 0
    ? { poolSize: started.poolSize, maxPoolSize: started.maxPoolSize }
    : defaultPool(availableParallelism());
}
