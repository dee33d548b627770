import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';

import type { Dataset } from '../plan/dataset.js';
import { planGrid } from '../plan/grid.js';
import { loadIris } from '../plan/iris.js';
import { splitStratified } from '../plan/split.js';
import { LocalRunner } from '../runner/local-runner.js';
import { EventBus } from '../state/event-bus.js';
import { reduceRunEvent } from '../state/reducer.js';
import { createRunState, type RunState } from '../state/run-state.js';
import { EventLogWriter } from '../store/event-log.js';
import {
  createRunDirectory,
  RunDirectoryError,
  type RunDirectory,
} from '../store/run-directory.js';
import { startSystemSampler } from '../telemetry/system-sampler.js';
import { startThreadSampler } from '../telemetry/thread-cpu.js';
import type { RunOptions } from './flags.js';
import { openLogFile, type FileLogger } from './logger.js';
import { attachMonitor, type Output } from './monitor-output.js';
import { attachPlainOutput } from './plain-output.js';
import { handleStopSignals } from './stop-signals.js';
import { formatSummary } from './summary.js';

/** Share of each class held out for testing. */
const TEST_FRACTION = 0.2;

const JOB_NAME = 'iris random forest';

/** Exit code for bad input. */
const EXIT_USAGE = 2;

/** Exit code for an unexpected failure. */
const EXIT_FAILURE = 1;

/** Exit code after a second Ctrl+C cut a stop short: 128 + SIGINT. */
const EXIT_FORCED = 130;

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

  const { folder, logPath } = setup;
  const log = openLogFile(logPath);
  const bus = new EventBus();
  const eventLog = new EventLogWriter(bus, folder.eventsFile);
  let state: RunState = createRunState();
  bus.subscribe((event) => {
    state = reduceRunEvent(state, event);
  });

  const runner = new LocalRunner({
    bus,
    runId,
    job: JOB_NAME,
    trials: planGrid(options.grid),
    data: splitStratified(dataset, TEST_FRACTION, options.grid.seed),
    poolSize: options.workers,
    maxPoolSize: options.maxWorkers,
    retries: options.retries,
    logger: log.logger,
  });

  const stdout = watchStdout(() => void runner.stop(), log);
  const output = await openOutput(options, bus, runner, stdout.write);
  const removeHandlers = handleFailures(runner, output, log);

  log.logger.info({ runId, options }, 'run started');
  // The run's first event comes before any reading of the machine.
  const outcome = runner.run();
  const stopTelemetry = startTelemetry(bus, runner, options.tickMs, log);
  try {
    log.logger.info({ runId, outcome: await outcome }, 'run ended');
  } finally {
    removeHandlers();
    stopTelemetry();
    await output.close();
    await eventLog.close();
    log.flush();
  }

  if (options.output !== 'json') {
    stdout.write(`\n${formatSummary(state, summaryWidth())}`);
    stdout.write(`Run stored in ${folder.path}\n`);
  }
  reportWriteFailures(log, logPath, eventLog, folder.eventsFile);

  return 0;
}

async function openOutput(
  options: RunOptions,
  bus: EventBus,
  runner: LocalRunner,
  write: (text: string) => void,
): Promise<Output> {
  if (options.output === 'monitor' && process.stdout.isTTY) {
    return attachMonitor({ bus, runner, tickMs: options.tickMs });
  }

  const mode = options.output === 'json' ? 'json' : 'plain';
  const detach = attachPlainOutput({ bus, mode, write });

  return { close: async () => detach(), closeNow: detach };
}

function startTelemetry(
  bus: EventBus,
  runner: LocalRunner,
  tickMs: number,
  log: FileLogger,
): () => void {
  const samplers = [
    startSystemSampler({
      bus,
      intervalMs: tickMs,
      onError: (error) => log.logger.warn({ err: error }, 'sampling failed'),
    }),
    startThreadSampler({
      bus,
      intervalMs: tickMs,
      listThreads: () => runner.listThreads(),
    }),
  ];

  return () => {
    for (const sampler of samplers) {
      sampler.stop();
    }
  };
}

/**
 * Stops the run on stop signals, and on a second signal or an unexpected
 * error restores the terminal before the process exits. Returns the
 * function that removes the handlers.
 */
function handleFailures(
  runner: LocalRunner,
  output: Output,
  log: FileLogger,
): () => void {
  const exitNow = (code: number, message?: string) => {
    log.flush();
    output.closeNow();
    if (message) {
      process.stderr.write(`error: ${message}\n`);
    }
    process.exit(code);
  };

  const removeSignalHandlers = handleStopSignals({
    onStop: () => void runner.stop(),
    onForce: (signal) => {
      log.logger.warn({ signal }, 'forced exit');
      exitNow(EXIT_FORCED);
    },
  });
  const onFailure = (error: unknown) => {
    log.logger.fatal({ err: error }, 'unexpected error');
    exitNow(EXIT_FAILURE, `traintop failed: ${describe(error)}`);
  };
  process.on('uncaughtException', onFailure);
  process.on('unhandledRejection', onFailure);

  return () => {
    removeSignalHandlers();
    process.off('uncaughtException', onFailure);
    process.off('unhandledRejection', onFailure);
  };
}

/**
 * Returns a writer for stdout that goes quiet once stdout is gone, as when
 * the output is piped into `head`, and then stops the run.
 */
function watchStdout(onClosed: () => void, log: FileLogger) {
  let isClosed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (isClosed) {
      return;
    }

    isClosed = true;
    log.logger.warn({ code: error.code }, 'stdout closed; stopping the run');
    onClosed();
  });

  return {
    write: (text: string) => {
      if (!isClosed) {
        process.stdout.write(text);
      }
    },
  };
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

function reportWriteFailures(
  log: FileLogger,
  logPath: string,
  eventLog: EventLogWriter,
  eventsFile: string,
): void {
  const failures = [
    [logPath, log.failure()],
    [eventsFile, eventLog.error],
  ] as const;
  for (const [file, failure] of failures) {
    if (failure) {
      process.stderr.write(
        `warning: Failed to write ${file}: ${failure.message}; ` +
          'it stops there.\n',
      );
    }
  }
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

function summaryWidth() {
  return { columns: process.stdout.isTTY ? process.stdout.columns : 80 };
}

function createRunId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);

  return `${stamp}-${process.pid}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
