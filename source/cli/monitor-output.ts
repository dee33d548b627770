import type { RecordTarget } from '../record/record-target.js';
import type { Runner } from '../runner/runner.js';
import type { EventBus } from '../state/event-bus.js';
import { createRunState, type RunState } from '../state/run-state.js';
import type { Controls } from '../ui/controls.js';
import { renderMonitor, type MountedMonitor } from '../ui/render-monitor.js';

/** The destination of a run's progress: the monitor or printed lines. */
export type Output = {
  /** Ends the output; for the monitor, restores the terminal. */
  close(): Promise<void>;
  /** Ends the output at once, before a forced exit. */
  closeNow(): void;
};

export type MonitorOutputOptions = {
  readonly bus: EventBus;
  readonly runner: Runner;
  readonly tickMs: number;
  /** State before the first event, such as a resumed run's. */
  readonly initialState?: RunState;
  /** Records the monitor to this file as asciicast v2. Absent: no recording. */
  readonly record?: RecordTarget;
};

/**
 * Draws the monitor on the terminal and wires its keys to the runner.
 * Resolves once the monitor listens to the bus, so it receives the first
 * event.
 */
export async function attachMonitor(
  options: MonitorOutputOptions,
): Promise<Output> {
  const { runner } = options;
  const controls: Controls = {
    togglePause: () => (runner.isPaused ? runner.resume() : runner.pause()),
    resize: (delta) => runner.resize(runner.poolSize + delta),
    ...(runner.resizeHost
      ? {
          resizeHost: (hostId: string, delta: number) =>
            runner.resizeHost!(hostId, delta),
        }
      : {}),
    quit: () => void runner.stop(),
  };

  const monitor = renderMonitor({
    bus: options.bus,
    initialState: options.initialState ?? createRunState(),
    tickMs: options.tickMs,
    controls,
    isInteractive: process.stdin.isTTY === true,
    stdout: process.stdout,
    stdin: process.stdin,
    ...(options.record ? { record: options.record } : {}),
  });
  // The monitor subscribes in an effect, which React runs after the first
  // frame is written.
  await monitor.waitUntilRenderFlush();
  await new Promise((resolve) => setImmediate(resolve));

  return {
    close: async () => {
      await monitor.close();
      warnIfRecordingFailed(monitor, options.record);
    },
    closeNow: monitor.closeNow,
  };
}

/**
 * Prints a warning when a write error cut the monitor's recording short.
 * Call it after the monitor closed, once stderr is free again.
 */
export function warnIfRecordingFailed(
  monitor: Pick<MountedMonitor, 'recordingFailure'>,
  record: RecordTarget | undefined,
): void {
  const failure = monitor.recordingFailure();
  if (failure && record) {
    process.stderr.write(
      `warning: Failed to write ${record.path}: ${failure.message}; ` +
        'the recording stops there.\n',
    );
  }
}
