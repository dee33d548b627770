import { render, type Instance } from 'ink';
import { Monitor, type MonitorProps } from './monitor.js';

/** Upper limit of frames per second, the same as Ink's default. */
const MAX_FPS = 30;

export type RenderMonitorOptions = MonitorProps & {
  /**
   * Terminal the monitor draws on, in its alternate screen buffer. Ink
   * writes only the final frame, at unmount, when this is not a TTY.
   */
  readonly stdout: NodeJS.WritableStream;
  /** Keyboard input, read only when `isInteractive` is true. */
  readonly stdin: NodeJS.ReadableStream;
};

/**
 * Mounts the monitor on the terminal and returns the Ink instance. The
 * monitor takes the alternate screen, so the shell's screen comes back
 * untouched on unmount. Ctrl+C goes to `controls.quit` instead of exiting,
 * so the runner can stop cleanly.
 *
 * To end, emit `run-finished`, then `await instance.waitUntilRenderFlush()`
 * so React commits the final state, then call `instance.unmount()`. When
 * stdout is not a TTY, that final state is the one frame Ink writes.
 */
export function renderMonitor(options: RenderMonitorOptions): Instance {
  const { stdout, stdin, ...props } = options;

  return render(<Monitor {...props} />, {
    stdout,
    stdin,
    alternateScreen: true,
    incrementalRendering: true,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: framesPerSecond(props.tickMs),
  });
}

/**
 * Allows two frames a tick: one for the tick's state and one for a key press
 * between ticks, so neither waits behind Ink's frame throttle for long.
 */
function framesPerSecond(tickMs: number): number {
  const perTick = Math.ceil((2 * 1000) / Math.max(1, tickMs));

  return Math.min(MAX_FPS, Math.max(1, perTick));
}
