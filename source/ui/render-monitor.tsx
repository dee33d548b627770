import { render } from 'ink';

import { CastWriter, sessionEnv } from '../record/cast-writer.js';
import type { RecordTarget } from '../record/record-target.js';
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
  /**
   * File to record what the terminal is sent to, as asciicast v2. Ignored
   * when stdout is not a TTY, since no monitor is drawn then. Absent: none.
   */
  readonly record?: RecordTarget;
};

/** A monitor on screen. */
export type MountedMonitor = {
  /** Resolves once the latest state is drawn. */
  waitUntilRenderFlush(): Promise<void>;
  /** Draws the final state, unmounts, and gives the terminal back. */
  close(): Promise<void>;
  /** Unmounts and gives the terminal back at once, before a forced exit. */
  closeNow(): void;
  /** The write error that cut the recording short, or null. */
  recordingFailure(): Error | null;
};

/**
 * Mounts the monitor on the terminal. On a TTY the monitor takes the
 * alternate screen, so the shell's screen comes back untouched on close, and
 * it sends only the cells that changed. Ctrl+C goes to `controls.quit`
 * instead of exiting, so the runner can stop cleanly. When stdout is not a
 * TTY, Ink writes one frame, with the final state, on close.
 *
 * With `record`, every byte sent to the terminal is also written to the
 * recording as it is sent. Throws the file system's error when the
 * recording cannot be created, before the terminal is touched.
 */
export function renderMonitor(options: RenderMonitorOptions): MountedMonitor {
  const { stdout, stdin, onRender, record, ...props } = options;
  const isTerminal = (stdout as { isTTY?: boolean }).isTTY === true;
  const output = isTerminal ? new DiffingOutput(stdout) : null;
  const cast =
    output && record
      ? new CastWriter(record.path, {
          width: output.columns,
          height: output.rows,
          title: record.title,
          env: sessionEnv(),
        })
      : null;
  output?.open(cast);

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
      // Before unmounting: Ink's own exit sequences would blank the copy
      // of the screen that the last frame is diffed from.
      await output?.drain();
      instance.unmount();
      await instance.waitUntilExit();
      output?.close();
      cast?.close();
    },
    closeNow: () => {
      instance.unmount();
      output?.close();
      cast?.close();
    },
    recordingFailure: () => cast?.failure ?? null,
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
