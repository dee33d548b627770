import path from 'node:path';

import { EventBus } from '../state/event-bus.js';
import type { RunEvent } from '../state/events.js';
import { reduceRunEvent } from '../state/reducer.js';
import { createRunState, type RunState } from '../state/run-state.js';
import { EventLogError, readEventLog } from '../store/event-log-reader.js';
import { EventPlayer, MAX_SPEED, MIN_SPEED } from '../store/event-player.js';
import { findRunFolder, RunNotFoundError } from '../store/find-run.js';
import { readRecordFlag, type RecordTarget } from '../record/record-target.js';
import { renderMonitor } from '../ui/render-monitor.js';
import { parseRunCommand } from './command-args.js';
import { warnIfCutShort } from './cut-short-warning.js';
import { DEFAULT_TICK_MS } from './flag-table.js';
import { warnIfRecordingFailed } from './monitor-output.js';
import { attachPlainOutput } from './plain-output.js';
import { handleStopSignals } from './stop-signals.js';
import { formatSummary, summaryOptionsFor } from './summary.js';
import { rejectInput } from './exit-codes.js';

/** Recorded time that one press of j skips, in ms. */
const JUMP_MS = 10_000;

/**
 * Plays a stored run back in the monitor at its recorded pace or a multiple
 * (`--speed`), with keys to pause, change speed and jump ahead. Without a
 * terminal it prints lines as the events play. Returns the exit code.
 */
export async function replayRun(argv: readonly string[]): Promise<number> {
  const args = parseRunCommand('replay', argv);
  if (typeof args === 'number') {
    return args;
  }

  const speedText = args.values['speed'];
  const speed = speedText === undefined ? 1 : Number(speedText);
  if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) {
    return rejectInput(
      `Invalid --speed "${String(speedText)}": expected a number from ` +
        `${MIN_SPEED} to ${MAX_SPEED}, a multiple of the recorded pace.`,
    );
  }

  const record = readRecordFlag(
    args.values['record'],
    `traintop replay ${args.run}`,
  );
  if (typeof record === 'string') {
    return rejectInput(record);
  }

  try {
    const folder = findRunFolder(args.outDir, args.run);
    const log = await readEventLog(path.join(folder, 'events.jsonl'));
    const state = await play(log.events, speed, record);
    warnIfCutShort(log);
    process.stdout.write(
      `\n${formatSummary(state, summaryOptionsFor(process.stdout))}`,
    );

    return 0;
  } catch (error) {
    if (error instanceof RunNotFoundError || error instanceof EventLogError) {
      return rejectInput(error.message);
    }
    throw error;
  }
}

async function play(
  events: readonly RunEvent[],
  speed: number,
  record: RecordTarget | undefined,
): Promise<RunState> {
  const bus = new EventBus();
  let state = createRunState();
  bus.subscribe((event) => {
    state = reduceRunEvent(state, event);
  });

  const isMonitor = process.stdout.isTTY === true;
  const isInteractive = isMonitor && process.stdin.isTTY === true;
  let finish = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  // On a terminal with keys the last frame stays up until q.
  const player = new EventPlayer({
    bus,
    events,
    speed,
    onEnd: () => (isInteractive ? undefined : finish()),
  });
  const output = isMonitor
    ? renderMonitor({
        bus,
        initialState: createRunState(),
        tickMs: DEFAULT_TICK_MS,
        controls: {
          togglePause: () => player.togglePause(),
          resize: (delta) => player.changeSpeed(delta > 0 ? 2 : 0.5),
          quit: () => finish(),
          jump: () => player.jump(JUMP_MS),
        },
        isInteractive,
        mode: 'replay',
        stdout: process.stdout,
        stdin: process.stdin,
        ...(record ? { record } : {}),
      })
    : plainOutput(bus);

  const removeSignalHandlers = handleStopSignals({
    onStop: () => finish(),
    onForce: () => finish(),
  });
  try {
    player.start();
    await done;
  } finally {
    player.stop();
    removeSignalHandlers();
    await output.close();
    warnIfRecordingFailed(output, record);
  }

  return state;
}

function plainOutput(bus: EventBus) {
  const detach = attachPlainOutput({
    bus,
    mode: 'plain',
    write: (text) => process.stdout.write(text),
  });

  return { close: async () => detach(), recordingFailure: () => null };
}
