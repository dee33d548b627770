import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { render } from 'ink';
import { createElement } from 'react';

import { attachPlainOutput } from '../source/cli/plain-output.js';
import type { Runner } from '../source/runner/runner.js';
import type { EventBus } from '../source/state/event-bus.js';
import { createRunState } from '../source/state/run-state.js';
import type { Controls } from '../source/ui/controls.js';
import { Monitor, type MonitorProps } from '../source/ui/monitor.js';
import {
  renderMonitor,
  type MountedMonitor,
} from '../source/ui/render-monitor.js';
import { createIdleInput, type FakeTerminal } from './fake-terminal.js';

/** Monitor tick and telemetry interval, the CLI's default, in ms. */
export const CLI_TICK_MS = 250;

/** Ink's default frame rate limit, which renderMonitor also applies. */
const INK_MAX_FPS = 30;

/**
 * Destination of a benchmark sweep's progress. `monitor` is the CLI's monitor
 * on a fake 80x24 terminal. `full-frame-monitor` is the same monitor drawn
 * by Ink without incremental rendering. `plain` writes the CLI's plain
 * lines to the fake terminal, and `none` attaches no output at all.
 * `recorded-monitor` is the monitor that also records itself to a cast file
 * in a temporary folder, as `--record` does.
 */
export type SweepOutput =
  'none' | 'plain' | 'monitor' | 'full-frame-monitor' | 'recorded-monitor';

/** An attached output. `close` ends it, and unmounts Ink for a monitor. */
export type AttachedOutput = {
  close(): Promise<void>;
};

/** Attaches the output to the bus, writing to the fake terminal. */
export async function attachOutput(
  output: SweepOutput,
  bus: EventBus,
  runner: Runner,
  terminal: FakeTerminal,
): Promise<AttachedOutput> {
  switch (output) {
    case 'none':
      return { close: async () => {} };
    case 'plain': {
      const detach = attachPlainOutput({
        bus,
        mode: 'plain',
        write: (text) => terminal.write(text),
      });

      return { close: async () => detach() };
    }
    case 'monitor':
    case 'full-frame-monitor':
      return mountMonitor(output, bus, runner, terminal);
    case 'recorded-monitor':
      return mountRecordedMonitor(bus, runner, terminal);
  }
}

/**
 * Mounts the monitor as the CLI does with `--record`, recording to a file
 * that is deleted on close.
 */
async function mountRecordedMonitor(
  bus: EventBus,
  runner: Runner,
  terminal: FakeTerminal,
): Promise<AttachedOutput> {
  const folder = mkdtempSync(path.join(tmpdir(), 'traintop-bench-cast-'));
  const file = path.join(folder, 'bench.cast');
  const attached = await mountMonitor('monitor', bus, runner, terminal, file);

  return {
    close: async () => {
      await attached.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * Mounts the monitor the way the CLI's attachMonitor does, but on the fake
 * terminal, and resolves once it listens to the bus.
 */
async function mountMonitor(
  output: 'monitor' | 'full-frame-monitor',
  bus: EventBus,
  runner: Runner,
  terminal: FakeTerminal,
  recordPath?: string,
): Promise<AttachedOutput> {
  const props: MonitorProps = {
    bus,
    initialState: createRunState(),
    tickMs: CLI_TICK_MS,
    controls: createControls(runner),
    isInteractive: false,
  };
  const monitor =
    output === 'monitor'
      ? renderMonitor({
          ...props,
          stdout: terminal,
          stdin: createIdleInput(),
          ...(recordPath
            ? { record: { path: recordPath, title: 'traintop bench' } }
            : {}),
        })
      : renderFullFrames(props, terminal);
  // The monitor subscribes in an effect, which runs after the first frame.
  await monitor.waitUntilRenderFlush();
  await new Promise((resolve) => setImmediate(resolve));

  return { close: monitor.close };
}

/**
 * Renders the monitor with Ink straight to the terminal, without
 * renderMonitor's changed-cell output and without incremental rendering, so
 * Ink rewrites every line of each new frame: the baseline that the
 * changed-cell output is compared with.
 *
 * NOTE: the other options copy those in source/ui/render-monitor.tsx by
 * hand. A change there must be made here too, or the frames differ.
 */
function renderFullFrames(
  props: MonitorProps,
  terminal: FakeTerminal,
): MountedMonitor {
  const instance = render(createElement(Monitor, props), {
    stdout: terminal,
    stdin: createIdleInput(),
    alternateScreen: true,
    incrementalRendering: false,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: Math.min(INK_MAX_FPS, Math.ceil((2 * 1000) / props.tickMs)),
  });

  return {
    waitUntilRenderFlush: () => instance.waitUntilRenderFlush(),
    close: async () => {
      await instance.waitUntilRenderFlush();
      instance.unmount();
      await instance.waitUntilExit();
    },
    closeNow: () => instance.unmount(),
    recordingFailure: () => null,
  };
}

/** Wires the monitor's keys to the runner as the CLI does. */
function createControls(runner: Runner): Controls {
  return {
    togglePause: () => (runner.isPaused ? runner.resume() : runner.pause()),
    resize: (delta) => runner.resize(runner.poolSize + delta),
    quit: () => void runner.stop(),
  };
}
