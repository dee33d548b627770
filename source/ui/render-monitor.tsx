import { render } from 'ink';
import { Monitor, type MonitorProps } from './monitor.js';
import { DiffingOutput } from './screen/diffing-output.js';

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
  /** Receives the time Ink spent rendering each frame, in ms. */
  readonly onRender?: (renderMs: number) => void;
};

/** A monitor on screen. */
export type MountedMonitor = {
  /** Resolves once the latest state is drawn. */
  waitUntilRenderFlush(): Promise<void>;
  /** Draws the final state, unmounts, and gives the terminal back. */
  close(): Promise<void>;
  /** Unmounts and gives the terminal back at once, before a forced exit. */
  closeNow(): void;
};

/**
 * Mounts the monitor on the terminal. On a TTY the monitor takes the
 * alternate screen, so the shell's screen comes back untouched on close, and
 * it sends only the cells that changed. Ctrl+C goes to `controls.quit`
 * instead of exiting, so the runner can stop cleanly. When stdout is not a
 * TTY, Ink writes one frame, with the final state, on close.
 */
export function renderMonitor(options: RenderMonitorOptions): MountedMonitor {
  const { stdout, stdin, onRender, ...props } = options;
  const isTerminal = (stdout as { isTTY?: boolean }).isTTY === true;
  const output = isTerminal ? new DiffingOutput(stdout) : null;
  output?.open();

  const instance = render(<Monitor {...props} />, {
    stdout: output ?? stdout,
    stdin,
    // Ink would turn itself off where the CI variable is set, but the
    // monitor is only drawn on a terminal, so it stays interactive.
    interactive: isTerminal,
    alternateScreen: isTerminal,
    incrementalRendering: true,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: framesPerSecond(props.tickMs),
    ...(onRender
      ? { onRender: (metrics) => onRender(metrics.renderTime) }
      : {}),
  });

  return {
    waitUntilRenderFlush: () => instance.waitUntilRenderFlush(),
    close: async () => {
      await instance.waitUntilRenderFlush();
      instance.unmount();
      await instance.waitUntilExit();
      output?.close();
    },
    closeNow: () => {
      instance.unmount();
      output?.close();
    },
  };
}

/**
 * Allows two frames a tick: one for the tick's state and one for a key press
 * between ticks, so neither waits behind Ink's frame throttle for long.
 */
function framesPerSecond(tickMs: number): number {
  const perTick = Math.ceil((2 * 1000) / Math.max(1, tickMs));

  return Math.min(MAX_FPS, Math.max(1, perTick));
}
