import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';

import type { Dataset } from '../data/dataset.js';
import { planGrid } from '../plan/grid.js';
import { loadIris } from '../data/iris.js';
import type { DataSource } from '../state/events.js';
import {
  createRunDirectory,
  RunDirectoryError,
  type RunDirectory,
} from '../store/run-directory.js';
import { executeRun } from './execute-run.js';
import type { RunOptions } from './flags.js';
import { EXIT_USAGE } from './exit-codes.js';

/** Share of each class held out for testing. */
const TEST_FRACTION = 0.2;

/**
 * Runs the default sweep: iris, one stratified split, the grid from the
 * flags, on local worker threads. Draws the monitor when stdout is a
 * terminal, and prints lines otherwise. Returns the exit code.
 */
export async function runSweep(options: RunOptions): Promise<number> {
  const dataset = loadIris();
  const runId = createRunId();
  const setup = prepareRun(options, dataset, runId);
  if (typeof setup === 'string') {
    process.stderr.write(`error: ${setup}\n`);

    return EXIT_USAGE;
  }

  const dataSource: DataSource = {
    dataset: 'iris',
    testFraction: TEST_FRACTION,
    splitSeed: options.grid.seed,
  };

  return executeRun(
    {
      runId,
      folder: setup.folder,
      logPath: setup.logPath,
      trials: planGrid(options.grid),
      dataSource,
      poolSize: options.workers,
      maxPoolSize: options.maxWorkers,
      retries: options.retries,
    },
    options,
  );
}

/** Returns the run's folder and log path, or why the run cannot start. */
function prepareRun(options: RunOptions, dataset: Dataset, runId: string) {
  const featureProblem = checkMaxFeatures(options, dataset);
  if (featureProblem) {
    return featureProblem;
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

  const logPath = options.logPath ?? folder.logFile;

  return checkLogFile(logPath) ?? { folder, logPath };
}

function checkMaxFeatures(
  options: RunOptions,
  dataset: Dataset,
): string | null {
  const count = dataset.featureNames.length;
  const tooMany = options.grid.maxFeatures.find((value) => value > count);
  if (tooMany === undefined) {
    return null;
  }

  return (
    `Invalid --max-features ${tooMany}: the ${dataset.name} data set has ` +
    `${count} features, so each value must be 1 to ${count}.`
  );
}

/** Returns why the log file cannot be written, or null when it can. */
function checkLogFile(logPath: string): string | null {
  try {
    mkdirSync(path.dirname(path.resolve(logPath)), { recursive: true });
    closeSync(openSync(logPath, 'a'));

    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';

    return (
      `Cannot write the log file ${logPath} (${code}): ` +
      'pass --log with a writable path.'
    );
  }
}

function createRunId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);

  return `${stamp}-${process.pid}`;
}
