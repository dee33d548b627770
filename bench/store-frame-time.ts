import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';

import { EventBus } from '../source/state/event-bus.js';
import { createRunState } from '../source/state/run-state.js';
import { createRunDirectory } from '../source/store/run-directory.js';
import { RunStore } from '../source/store/run-store.js';
import { renderMonitor } from '../source/ui/render-monitor.js';
import type { Comparison } from './comparison.js';
import { createIdleInput, FakeTerminal } from './fake-terminal.js';
import { SyntheticRun } from './synthetic-run.js';

/** A store may make frames at most 10% slower. */
const TARGET_SLOWDOWN = 1.1;

/** The CLI's default tick, at which the monitor draws. */
const TICK_MS = 250;

/** Chunk reports per tick: 4 workers at about 20 chunks a second each. */
const CHUNKS_PER_TICK = 20;

/** Ticks each side runs: 10 seconds of a busy sweep. */
const TICKS = 40;

const NS_PER_MS = 1e6;

type FrameTimes = {
  readonly meanFrameMs: number;
  readonly frames: number;
  /** 99th percentile of the main thread's event-loop delay, in ms. */
  readonly loopDelayP99Ms: number;
};

/**
 * Compares the time Ink spends drawing a frame of the monitor while a
 * synthetic sweep is stored (events.jsonl and run.db, written by the real
 * RunStore) with the same sweep and no store. After one warm-up sweep,
 * each side runs twice, taking turns at going first.
 */
export async function measureStoreFrameTime(): Promise<Comparison> {
  // The first sweep drawn in a process pays for compiling the monitor.
  await drawSweep(false);

  const withStore: FrameTimes[] = [];
  const without: FrameTimes[] = [];
  for (let turn = 0; turn < 2; turn++) {
    const isStoreFirst = turn % 2 === 0;
    const first = await drawSweep(isStoreFirst);
    const second = await drawSweep(!isStoreFirst);
    withStore.push(isStoreFirst ? first : second);
    without.push(isStoreFirst ? second : first);
  }

  const mean = (runs: readonly FrameTimes[]) =>
    runs.reduce((sum, run) => sum + run.meanFrameMs, 0) / runs.length;

  return {
    metric: 'frame time, store vs none',
    a: { label: 'with store', value: mean(withStore), unit: 'ms' },
    b: { label: 'no store', value: mean(without), unit: 'ms' },
    target: { bound: 'at-most', ratio: TARGET_SLOWDOWN },
    details: [
      `with store: ${describe(withStore)}`,
      `no store: ${describe(without)}`,
    ],
  };
}

async function drawSweep(isStored: boolean): Promise<FrameTimes> {
  const bus = new EventBus();
  const folder = mkdtempSync(path.join(tmpdir(), 'traintop-bench-frames-'));
  const store = isStored
    ? new RunStore(bus, createRunDirectory(folder, 'bench'))
    : null;
  const frameTimes: number[] = [];
  const monitor = renderMonitor({
    bus,
    initialState: createRunState(),
    tickMs: TICK_MS,
    controls: { togglePause() {}, resize() {}, quit() {} },
    isInteractive: false,
    stdout: new FakeTerminal(),
    stdin: createIdleInput(),
    onRender: (renderMs) => frameTimes.push(renderMs),
  });
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();

  const run = new SyntheticRun(bus, Date.now());
  run.start();
  for (let tick = 0; tick < TICKS; tick++) {
    run.emitChunks(CHUNKS_PER_TICK);
    await delay(TICK_MS);
  }
  run.finish();
  await monitor.close();
  loopDelay.disable();
  await store?.close();
  rmSync(folder, { recursive: true, force: true });

  const total = frameTimes.reduce((sum, ms) => sum + ms, 0);

  return {
    meanFrameMs: total / Math.max(1, frameTimes.length),
    frames: frameTimes.length,
    loopDelayP99Ms: loopDelay.percentile(99) / NS_PER_MS,
  };
}

function describe(runs: readonly FrameTimes[]): string {
  return runs
    .map(
      (run) =>
        `${run.meanFrameMs.toFixed(2)} ms over ${run.frames} frames ` +
        `(event-loop delay p99 ${run.loopDelayP99Ms.toFixed(1)} ms)`,
    )
    .join('; ');
}
