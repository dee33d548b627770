import type { Dataset } from '../data/dataset.js';
import { DataError } from '../data/data-error.js';
import { describeData, openDataset } from '../data/open-dataset.js';
import { splitRows } from '../data/split.js';
import type { Evaluation } from '../plan/evaluation.js';
import { planGrid } from '../plan/grid.js';
import { sampleTrials } from '../plan/random-search.js';
import {
  createRunDirectory,
  RunDirectoryError,
  type RunDirectory,
} from '../store/run-directory.js';
import { executeRun } from './execute-run.js';
import type { RunOptions } from './flags.js';
import { rejectInput } from './exit-codes.js';
import { checkLogFile } from './logger.js';
import { checkQueue } from './queue-flags.js';
import { checkRecordTarget } from '../record/record-target.js';

/**
 * Runs a sweep: loads the data, plans the grid from the options, and trains
 * it on local worker threads, or on `traintop worker` processes through
 * Redis with --redis. Draws the monitor when stdout is a terminal,
 * and prints lines otherwise. Returns the exit code.
 */
export async function runSweep(options: RunOptions): Promise<number> {
  // NOTE: the recording is opened when the monitor mounts, after the run's
  // folder exists. A path that turns unwritable in between stops the run
  // with the file system's error instead of this one-line message.
  const recordProblem =
    options.recordPath === undefined
      ? null
      : checkRecordTarget(options.recordPath, process.stdout.isTTY === true);
  if (recordProblem) {
    return rejectInput(recordProblem);
  }

  let opened;
  try {
    opened = await openDataset(options.data);
  } catch (error) {
    if (error instanceof DataError) {
      return rejectInput(error.message);
    }
    throw error;
  }

  const { dataset } = opened;
  const maxFeatures =
    options.grid.maxFeatures ?? defaultMaxFeatures(dataset.featureNames.length);
  const problem =
    checkMaxFeatures(maxFeatures, dataset) ??
    checkEvaluation(options.evaluation, dataset, options.grid.seed);
  if (problem) {
    return rejectInput(problem);
  }

  // Checked before the run's folder exists, so an unreachable Redis
  // leaves nothing behind.
  const queueProblem = options.queue ? await checkQueue(options.queue) : null;
  if (queueProblem) {
    return rejectInput(queueProblem);
  }

  const runId = createRunId();
  const setup = prepareRun(options, runId);
  if (typeof setup === 'string') {
    return rejectInput(setup);
  }

  const dataSource = describeData(
    dataset,
    options.evaluation,
    options.grid.seed,
    opened.csv,
  );

  return executeRun(
    {
      runId,
      folder: setup.folder,
      logPath: setup.logPath,
      trials: planTrials(options, maxFeatures),
      dataset,
      dataSource,
      poolSize: options.workers,
      maxPoolSize: options.maxWorkers,
      retries: options.retries,
      queue: options.queue,
      ...(options.search.kind === 'halving'
        ? { halving: options.search.halving }
        : {}),
      ...(options.paceMs ? { paceMs: options.paceMs } : {}),
    },
    options,
  );
}

/**
 * Lists the sweep's trials: the whole grid, or for a random search a
 * sample of it drawn with the sweep's --seed.
 */
function planTrials(options: RunOptions, maxFeatures: readonly number[]) {
  const grid = planGrid({ ...options.grid, maxFeatures });
  const { search } = options;
  if (search.kind !== 'random') {
    return grid;
  }

  // Said before the monitor takes the terminal, so the user sees it.
  if (search.trials > grid.length) {
    process.stderr.write(
      `warning: --trials ${search.trials} is more than the grid's ` +
        `${grid.length} combinations; training all ${grid.length}.\n`,
    );
  }

  return sampleTrials(grid, search.trials, options.grid.seed);
}

/**
 * Features drawn per tree when the user names none: every count up to four
 * for narrow tables, otherwise the square root, a third, and all of them,
 * the usual choices for classification, regression and plain bagging.
 */
export function defaultMaxFeatures(featureCount: number): number[] {
  if (featureCount <= 4) {
    return Array.from({ length: featureCount }, (_, index) => index + 1);
  }

  const counts = [
    Math.ceil(Math.sqrt(featureCount)),
    Math.ceil(featureCount / 3),
    featureCount,
  ];

  return [...new Set(counts)].sort((a, b) => a - b);
}

/** Returns the run's folder and log path, or why the run cannot start. */
function prepareRun(options: RunOptions, runId: string) {
  // A log outside the run's folder is checked first, so a bad --log leaves
  // no empty run folder behind.
  const logProblem = options.logPath ? checkLogFile(options.logPath) : null;
  if (logProblem) {
    return logProblem;
  }

  let folder: RunDirectory;
  try {
    folder = createRunDirectory(options.outDir, runId);
  } catch (error) {
    if (error instanceof RunDirectoryError) {
      return error.message;
    }
    throw error;
  }

  if (options.logPath) {
    return { folder, logPath: options.logPath };
  }

  return checkLogFile(folder.logFile) ?? { folder, logPath: folder.logFile };
}

function checkMaxFeatures(
  maxFeatures: readonly number[],
  dataset: Dataset,
): string | null {
  const count = dataset.featureNames.length;
  const tooMany = maxFeatures.find((value) => value > count);
  if (tooMany === undefined) {
    return null;
  }

  return (
    `Invalid --max-features ${tooMany}: the ${dataset.name} data set has ` +
    `${count} features, so each value must be 1 to ${count}.`
  );
}

/** Returns why the rows cannot be split as asked, or null when they can. */
function checkEvaluation(
  evaluation: Evaluation,
  dataset: Dataset,
  seed: number,
): string | null {
  const rows = dataset.rowCount;
  if (evaluation.kind === 'cv') {
    return evaluation.folds > rows
      ? `Cannot make ${evaluation.folds} folds from the ${rows} rows of ` +
          `${dataset.name}: lower --cv to at most ${rows}.`
      : null;
  }

  const [fold] = splitRows(dataset, evaluation, seed);
  if (fold!.test.length === 0) {
    return (
      `Holding out ${evaluation.testFraction} of the ${rows} rows of ` +
      `${dataset.name} leaves no test rows: raise --test-fraction or use --cv.`
    );
  }

  if (fold!.train.length === 0) {
    return (
      `Holding out ${evaluation.testFraction} of the ${rows} rows of ` +
      `${dataset.name} leaves no rows to train on: lower --test-fraction.`
    );
  }

  return null;
}

function createRunId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);

  return `${stamp}-${process.pid}`;
}
