import { AlertWatcher } from '../alerts/alert-watcher.js';
import {
  DEFAULT_ALERT_SETTINGS,
  type AlertSettings,
} from '../alerts/alert-settings.js';
import type { Dataset } from '../data/dataset.js';
import { shareTable } from '../data/shared-table.js';
import { splitRows } from '../data/split.js';
import type { HalvingOptions } from '../plan/halving.js';
import type { TrialSpec } from '../plan/trial-spec.js';
import { formatRedisUrl } from '../queue/redis-url.js';
import { LocalRunner } from '../runner/local-runner.js';
import type { Runner, WorkerThread } from '../runner/runner.js';
import { EventBus } from '../state/event-bus.js';
import type { DataSource } from '../state/events.js';
import { reduceRunEvent } from '../state/reducer.js';
import { createRunState, type RunState } from '../state/run-state.js';
import { RunStore, type StoreErrors } from '../store/run-store.js';
import type { RunDirectory } from '../store/run-directory.js';
import { startSystemSampler } from '../telemetry/system-sampler.js';
import { startThreadSampler } from '../telemetry/thread-cpu.js';
import type { RunOptions } from './flags.js';
import { openLogFile, type FileLogger } from './logger.js';
import { attachMonitor, type Output } from './monitor-output.js';
import { attachPlainOutput } from './plain-output.js';
import { handleStopSignals } from './stop-signals.js';
import { formatSummary, summaryOptionsFor } from './summary.js';
import { EXIT_ALERT, EXIT_FAILURE, EXIT_FORCED } from './exit-codes.js';
import type { QueueOptions } from './queue-flags.js';

/** A run to carry out: a new one, or a stopped one taken up again. */
export type RunPlan = {
  readonly runId: string;
  readonly folder: RunDirectory;
  readonly logPath: string;
  readonly trials: readonly TrialSpec[];
  readonly dataset: Dataset;
  readonly dataSource: DataSource;
  readonly poolSize: number;
  readonly maxPoolSize: number;
  readonly retries: number;
  /** State folded from the stored events of a resumed run. */
  readonly initialState?: RunState;
  /** Trials of a resumed run that already have their result. */
  readonly doneTrialIds?: ReadonlySet<string>;
  /** Redis queue for `traintop worker` processes; null for local threads. */
  readonly queue: QueueOptions | null;
  /** Successive-halving settings of a halving search; absent otherwise. */
  readonly halving?: HalvingOptions;
  /** Pause of each trial after every chunk but its last, in ms. Default 0. */
  readonly paceMs?: number;
};

/** A runner whose threads this process can measure, if it has any. */
type RunDriver = Runner & { listThreads(): WorkerThread[] };

/**
 * The display settings of a run: output mode, redraw interval, the alert
 * rules' thresholds (default DEFAULT_ALERT_SETTINGS) with whether an alert
 * fails the run (default false), and the monitor's recording (default none).
 */
export type RunDisplay = Pick<RunOptions, 'output' | 'tickMs'> &
  Partial<Pick<RunOptions, 'alerts' | 'failOnAlert' | 'recordPath'>>;

/**
 * Trains the plan's trials on local worker threads or on the plan's Redis
 * queue, appending every event
 * to the run's log. Draws the monitor when stdout is a terminal, and prints
 * lines otherwise. Returns the exit code: EXIT_ALERT when the run raised
 * an alert and `display.failOnAlert` is set, else 0.
 */
export async function executeRun(
  plan: RunPlan,
  display: RunDisplay,
): Promise<number> {
  const { runId, folder, logPath } = plan;
  const log = openLogFile(logPath);
  const bus = new EventBus();
  const store = new RunStore(bus, folder, plan.doneTrialIds ? runId : '');
  let state: RunState = plan.initialState ?? createRunState();
  bus.subscribe((event) => {
    state = reduceRunEvent(state, event);
  });

  const runner = await createRunner(plan, display, bus, log);

  const stdout = watchStdout(() => void runner.stop(), log);
  const output = await openOutput(plan, display, bus, runner, stdout.write);
  const removeHandlers = handleFailures(runner, output, log);
  const alerts = watchAlerts(plan, display, bus);

  let storeErrors: StoreErrors | undefined;
  log.logger.info({ runId, plan: describePlan(plan) }, 'run started');
  // The run's first event comes before any reading of the machine.
  const outcome = runner.run();
  const stopTelemetry = startTelemetry(bus, runner, display.tickMs, log);
  try {
    log.logger.info({ runId, outcome: await outcome }, 'run ended');
  } finally {
    removeHandlers();
    stopTelemetry();
    alerts.close();
    await output.close();
    storeErrors = await store.close();
    log.flush();
  }

  if (display.output !== 'json') {
    stdout.write(
      `\n${formatSummary(state, summaryOptionsFor(process.stdout))}`,
    );
    stdout.write(`Run stored in ${folder.path}\n`);
  }
  reportWriteFailures([
    [logPath, log.failure()?.message ?? null],
    [folder.eventsFile, storeErrors?.eventsError ?? null],
    [folder.databaseFile, storeErrors?.databaseError ?? null],
  ]);

  return display.failOnAlert === true && alerts.raisedCount > 0
    ? EXIT_ALERT
    : 0;
}

/**
 * Starts the alert rules. The watcher subscribes after the state, the
 * store and the output, so each of them receives an event before the alerts
 * that it raises.
 */
function watchAlerts(
  plan: RunPlan,
  display: RunDisplay,
  bus: EventBus,
): AlertWatcher {
  const settings: AlertSettings = display.alerts ?? DEFAULT_ALERT_SETTINGS;

  return new AlertWatcher({
    bus,
    settings,
    tickMs: display.tickMs,
    ...(plan.initialState ? { initialState: plan.initialState } : {}),
  });
}

/**
 * Creates the runner: local worker threads, or the Redis queue when the
 * plan names one. The queue's code loads only then, because BullMQ takes
 * a noticeable time to load.
 */
async function createRunner(
  plan: RunPlan,
  display: RunDisplay,
  bus: EventBus,
  log: FileLogger,
): Promise<RunDriver> {
  const common = {
    bus,
    runId: plan.runId,
    job: jobName(plan.dataset),
    trials: plan.trials,
    dataSource: plan.dataSource,
    retries: plan.retries,
    logger: log.logger,
    ...(plan.doneTrialIds ? { doneTrialIds: plan.doneTrialIds } : {}),
  };
  if (plan.queue) {
    const { QueueRunner } = await import('../runner/queue-runner.js');

    return new QueueRunner({
      ...common,
      table: shareRows(plan),
      target: plan.queue.target,
      prefix: plan.queue.prefix,
      tickMs: display.tickMs,
      ...(plan.halving ? { halving: plan.halving } : {}),
    });
  }

  return new LocalRunner({
    ...common,
    data: { kind: 'shared', table: shareRows(plan) },
    poolSize: plan.poolSize,
    maxPoolSize: plan.maxPoolSize,
    ...(plan.halving ? { halving: plan.halving } : {}),
    ...(plan.paceMs ? { paceMs: plan.paceMs } : {}),
  });
}

/**
 * Returns the plan for the log: without the rows, the state or the done
 * trials, which can be large, and with the Redis URL's password hidden.
 */
function describePlan(plan: RunPlan) {
  const {
    dataset,
    initialState: _initialState,
    doneTrialIds,
    queue,
    trials,
    ...rest
  } = plan;

  return {
    ...rest,
    dataset: dataset.name,
    trials: trials.length,
    doneTrials: doneTrialIds?.size ?? 0,
    queue: queue && {
      redis: formatRedisUrl(queue.target),
      prefix: queue.prefix,
    },
  };
}

/** Names the job in the header, such as `wine.csv random forest`. */
function jobName(dataset: Dataset): string {
  return dataset.task === 'classification'
    ? `${dataset.name} random forest`
    : `${dataset.name} random forest regression`;
}

function shareRows(plan: RunPlan) {
  const { evaluation, splitSeed } = plan.dataSource;

  return shareTable(
    plan.dataset,
    splitRows(plan.dataset, evaluation, splitSeed),
  );
}

async function openOutput(
  plan: RunPlan,
  display: RunDisplay,
  bus: EventBus,
  runner: RunDriver,
  write: (text: string) => void,
): Promise<Output> {
  if (display.output === 'monitor' && process.stdout.isTTY) {
    return attachMonitor({
      bus,
      runner,
      tickMs: display.tickMs,
      ...(plan.initialState ? { initialState: plan.initialState } : {}),
      ...(display.recordPath
        ? {
            record: {
              path: display.recordPath,
              title: `traintop run ${plan.runId}`,
            },
          }
        : {}),
    });
  }

  const mode = display.output === 'json' ? 'json' : 'plain';
  const detach = attachPlainOutput({
    bus,
    mode,
    write,
    trials: plan.trials,
    data: plan.dataSource,
  });

  return { close: async () => detach(), closeNow: detach };
}

function startTelemetry(
  bus: EventBus,
  runner: RunDriver,
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
  runner: RunDriver,
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

function reportWriteFailures(
  failures: readonly (readonly [string, string | null])[],
): void {
  for (const [file, failure] of failures) {
    if (failure) {
      process.stderr.write(
        `warning: Failed to write ${file}: ${failure}; ` + 'it stops there.\n',
      );
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
