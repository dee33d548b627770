import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';

import type { Dataset } from '../plan/dataset.js';
import { planGrid } from '../plan/grid.js';
import { loadIris } from '../plan/iris.js';
import { splitStratified } from '../plan/split.js';
import { LocalRunner } from '../runner/local-runner.js';
import type { Runner } from '../runner/runner.js';
import { EventBus } from '../state/event-bus.js';
import { reduceRunEvent } from '../state/reducer.js';
import { createRunState, type RunState } from '../state/run-state.js';
import { startSystemSampler } from '../telemetry/system-sampler.js';
import { startThreadSampler } from '../telemetry/thread-cpu.js';
import type { RunOptions } from './flags.js';
import { openLogFile } from './logger.js';
import { attachPlainOutput } from './plain-output.js';
import { formatSummary } from './summary.js';
import { attachMonitor, type Output } from './monitor-output.js';
import { handleStopSignals } from './stop-signals.js';

/** Share of each class held out for testing. */
const TEST_FRACTION = 0.2;

const JOB_NAME = 'iris random forest';

/** Exit code for bad input. */
const EXIT_USAGE = 2;

/** Exit code after a second Ctrl+C cut a stop short: 128 + SIGINT. */
const EXIT_FORCED = 130;

/**
 * Runs the default sweep: iris, one stratified split, the grid from the
 * flags, on local worker threads. Draws the monitor when stdout is a
 * terminal, and prints lines otherwise. Returns the exit code.
 */
export async function runSweep(options: RunOptions): Promise<number> {
  const dataset = loadIris();
  const problem =
    checkMaxFeatures(options, dataset) ?? checkLogFile(options.logPath);
  if (problem) {
    process.stderr.write(`error: ${problem}\n`);

    return EXIT_USAGE;
  }

  const log = openLogFile(options.logPath);
  const runId = createRunId();
  const bus = new EventBus();
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

  const output = await openOutput(options, bus, runner);
  const samplers = [
    startSystemSampler({
      bus,
      intervalMs: options.tickMs,
      onError: (error) => log.logger.warn({ err: error }, 'sampling failed'),
    }),
    startThreadSampler({
      bus,
      intervalMs: options.tickMs,
      listThreads: () => runner.listThreads(),
    }),
  ];
  const removeSignalHandlers = handleStopSignals({
    onStop: () => void runner.stop(),
    onForce: (signal) => {
      log.logger.warn({ signal }, 'forced exit');
      log.flush();
      output.closeNow();
      process.exit(EXIT_FORCED);
    },
  });

  log.logger.info({ runId, options }, 'run started');
  try {
    const outcome = await runner.run();
    log.logger.info({ runId, outcome }, 'run ended');
  } finally {
    removeSignalHandlers();
    for (const sampler of samplers) {
      sampler.stop();
    }
    await output.close();
    log.flush();
  }

  if (options.output !== 'json') {
    process.stdout.write(`\n${formatSummary(state, summaryWidth())}`);
  }

  return 0;
}

async function openOutput(
  options: RunOptions,
  bus: EventBus,
  runner: Runner,
): Promise<Output> {
  if (options.output === 'monitor' && process.stdout.isTTY) {
    return attachMonitor({ bus, runner, tickMs: options.tickMs });
  }

  const detach = attachPlainOutput({
    bus,
    mode: options.output === 'json' ? 'json' : 'plain',
    write: (text) => process.stdout.write(text),
  });

  return { close: async () => detach(), closeNow: detach };
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

    return `Cannot write the log file ${logPath} (${code}): pass --log with a writable path.`;
  }
}

function summaryWidth() {
  return { columns: process.stdout.isTTY ? process.stdout.columns : 80 };
}

function createRunId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);

  return `${stamp}-${process.pid}`;
}
