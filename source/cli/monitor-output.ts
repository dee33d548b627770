import type { Runner } from '../runner/runner.js';
import type { EventBus } from '../state/event-bus.js';
import { createRunState, type RunState } from '../state/run-state.js';
import type { Controls } from '../ui/controls.js';
import { renderMonitor } from '../ui/render-monitor.js';

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
  });
  // The monitor subscribes in an effect, which React runs after the first
  // frame is written.
  await monitor.waitUntilRenderFlush();
  await new Promise((resolve) => setImmediate(resolve));

  return { close: monitor.close, closeNow: monitor.closeNow };
}
