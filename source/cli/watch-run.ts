import path from 'node:path';

import { EventBus } from '../state/event-bus.js';
import { reduceRunEvent } from '../state/reducer.js';
import { createRunState, type RunState } from '../state/run-state.js';
import { EventLogFollower } from '../store/event-log-follower.js';
import { findRunFolder, RunNotFoundError } from '../store/find-run.js';
import { isProcessAlive, processIdOf } from '../store/stored-runs.js';
import { readRecordFlag, type RecordTarget } from '../record/record-target.js';
import { renderMonitor } from '../ui/render-monitor.js';
import { parseRunCommand } from './command-args.js';
import { DEFAULT_TICK_MS } from './flag-table.js';
import { warnIfRecordingFailed } from './monitor-output.js';
import { attachPlainOutput } from './plain-output.js';
import { handleStopSignals } from './stop-signals.js';
import { formatSummary, summaryOptionsFor } from './summary.js';
import { EXIT_USAGE, rejectInput } from './exit-codes.js';

/** Polls without new events after which a run whose process died ends. */
const IDLE_POLLS_BEFORE_ENDED = 2;

/**
 * Attaches to a run that another traintop process is running, or ran: the
 * monitor follows its event log as it grows and stops when the run ends.
 * Without a terminal it prints lines instead. Returns the exit code.
 */
export async function watchRun(argv: readonly string[]): Promise<number> {
  const args = parseRunCommand('watch', argv);
  if (typeof args === 'number') {
    return args;
  }

  const record = readRecordFlag(
    args.values['record'],
    `traintop watch ${args.run}`,
  );
  if (typeof record === 'string') {
    return rejectInput(record);
  }

  let folder: string;
  try {
    folder = findRunFolder(args.outDir, args.run);
  } catch (error) {
    if (error instanceof RunNotFoundError) {
      return rejectInput(error.message);
    }
    throw error;
  }

  const bus = new EventBus();
  let state: RunState = createRunState();
  bus.subscribe((event) => {
    state = reduceRunEvent(state, event);
  });

  const watched = await follow(bus, folder, () => state, record);
  process.stdout.write(
    `\n${formatSummary(state, summaryOptionsFor(process.stdout))}`,
  );
  if (watched.error) {
    process.stderr.write(`error: ${watched.error.message}\n`);

    return EXIT_USAGE;
  }

  if (watched.hasEnded && state.finishReason === null) {
    process.stdout.write(
      'The run ended without finishing: the process running it is gone.\n',
    );
  }

  return 0;
}

type Watched = {
  /** True when the run's process died before the run finished. */
  readonly hasEnded: boolean;
  readonly error: Error | null;
};

/** Shows the run's events until it finishes, its process dies, or q. */
async function follow(
  bus: EventBus,
  folder: string,
  currentState: () => RunState,
  record: RecordTarget | undefined,
): Promise<Watched> {
  let error: Error | null = null;
  let hasEnded = false;
  let finish = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });

  const output = openOutput(bus, () => finish(), record);
  const follower = new EventLogFollower({
    file: path.join(folder, 'events.jsonl'),
    intervalMs: DEFAULT_TICK_MS,
    onEvent: (event) => {
      bus.emit(event);
      if (event.kind === 'run-finished') {
        finish();
      }
    },
    onError: (cause) => {
      error = cause;
      finish();
    },
  });

  let idlePolls = 0;
  const deathCheck = setInterval(() => {
    const runId = currentState().runId || path.basename(folder);
    const isIdle = follower.isIdle;
    idlePolls = isIdle ? idlePolls + 1 : 0;
    if (
      idlePolls >= IDLE_POLLS_BEFORE_ENDED &&
      !isProcessAlive(processIdOf(runId))
    ) {
      hasEnded = true;
      finish();
    }
  }, DEFAULT_TICK_MS);

  const removeSignalHandlers = handleStopSignals({
    onStop: () => finish(),
    onForce: () => finish(),
  });
  try {
    await follower.start();
    await done;
  } finally {
    clearInterval(deathCheck);
    removeSignalHandlers();
    follower.stop();
    await output.close();
    warnIfRecordingFailed(output, record);
  }

  return { hasEnded, error };
}

function openOutput(
  bus: EventBus,
  quit: () => void,
  record: RecordTarget | undefined,
) {
  if (!process.stdout.isTTY) {
    const detach = attachPlainOutput({
      bus,
      mode: 'plain',
      write: (text) => process.stdout.write(text),
    });

    return { close: async () => detach(), recordingFailure: () => null };
  }

  return renderMonitor({
    bus,
    initialState: createRunState(),
    tickMs: DEFAULT_TICK_MS,
    controls: { togglePause: () => {}, resize: () => {}, quit },
    isInteractive: process.stdin.isTTY === true,
    mode: 'watch',
    stdout: process.stdout,
    stdin: process.stdin,
    ...(record ? { record } : {}),
  });
}
