import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';

import { EventBus } from '../source/state/event-bus.js';
import { createRunState } from '../source/state/run-state.js';
import type { Controls } from '../source/ui/controls.js';
import {
  renderMonitor,
  type MountedMonitor,
} from '../source/ui/render-monitor.js';
import type { Comparison } from './comparison.js';
import { createIdleInput, FakeTerminal } from './fake-terminal.js';
import { SyntheticRun } from './synthetic-run.js';

/** The heap may grow by a fifth from 1,000 to 10,000 chunk events. */
const TARGET_GROWTH = 1.2;

const BASELINE_CHUNK_EVENTS = 1_000;
const FINAL_CHUNK_EVENTS = 10_000;

/**
 * Monitor tick, in ms. Short, so 10,000 events pass in seconds while the
 * monitor still folds them a batch per tick and draws frames.
 */
const TICK_MS = 10;

/** Chunk events per tick: with 4 workers, 5 chunks each. */
const CHUNK_EVENTS_PER_TICK = 20;

const BYTES_PER_MIB = 2 ** 20;

/** Heap and process size at the two checkpoints, in bytes. */
export type HeapGrowth = {
  readonly baselineHeapBytes: number;
  readonly finalHeapBytes: number;
  readonly baselineRssBytes: number;
  readonly finalRssBytes: number;
  /** Bytes the monitor wrote to its fake terminal over the whole run. */
  readonly terminalBytes: number;
};

/** Keys are inactive in this benchmark, so no control is ever called. */
const NO_CONTROLS: Controls = {
  togglePause: () => {},
  resize: () => {},
  quit: () => {},
};

/**
 * Measures the heap of a mounted monitor after 1,000 and after 10,000 chunk
 * events. The measurement runs in a child Node.js process started with
 * --expose-gc, so a full garbage collection precedes each reading.
 */
export async function measureMonitorMemory(): Promise<Comparison> {
  const growth = await forkMeasurement();
  const toMib = (bytes: number) => bytes / BYTES_PER_MIB;

  return {
    metric: 'monitor heap, 10,000 vs 1,000 chunks',
    a: {
      label: `${formatCount(FINAL_CHUNK_EVENTS)} chunks`,
      value: toMib(growth.finalHeapBytes),
      unit: 'MiB',
    },
    b: {
      label: `${formatCount(BASELINE_CHUNK_EVENTS)} chunks`,
      value: toMib(growth.baselineHeapBytes),
      unit: 'MiB',
    },
    target: { bound: 'at-most', ratio: TARGET_GROWTH },
    details: [
      `RSS: ${toMib(growth.baselineRssBytes).toFixed(1)} MiB after ` +
        `${formatCount(BASELINE_CHUNK_EVENTS)} chunks, ` +
        `${toMib(growth.finalRssBytes).toFixed(1)} MiB after ` +
        `${formatCount(FINAL_CHUNK_EVENTS)}`,
      `terminal: ${growth.terminalBytes} bytes written`,
    ],
  };
}

function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

function forkMeasurement(): Promise<HeapGrowth> {
  const entry = fileURLToPath(new URL('./memory-child.js', import.meta.url));
  const child = fork(entry, [], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });

  return new Promise((resolve, reject) => {
    let growth: HeapGrowth | null = null;
    child.on('message', (message) => {
      growth = message as HeapGrowth;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (growth !== null && code === 0) {
        resolve(growth);

        return;
      }

      reject(
        new Error(
          `Memory benchmark process ${entry} failed: it exited with ` +
            `${signal ?? `code ${code}`} before sending its result.`,
        ),
      );
    });
  });
}

/**
 * Mounts the monitor on a fake terminal, feeds it a synthetic sweep on 4
 * workers a tick at a time, and reads the heap after a
 * full garbage collection at each checkpoint.
 */
export async function measureHeapGrowth(
  collectGarbage: () => void,
): Promise<HeapGrowth> {
  const bus = new EventBus();
  const terminal = new FakeTerminal();
  const instance = renderMonitor({
    bus,
    initialState: createRunState(),
    tickMs: TICK_MS,
    controls: NO_CONTROLS,
    isInteractive: false,
    stdout: terminal,
    stdin: createIdleInput(),
  });
  await settle(instance);

  const run = new SyntheticRun(bus, Date.now());
  run.start();
  await feedUntil(run, BASELINE_CHUNK_EVENTS, instance);
  const baseline = readMemory(collectGarbage);
  await feedUntil(run, FINAL_CHUNK_EVENTS, instance);
  const final = readMemory(collectGarbage);

  run.finish();
  await instance.close();

  return {
    baselineHeapBytes: baseline.heapUsed,
    finalHeapBytes: final.heapUsed,
    baselineRssBytes: baseline.rss,
    finalRssBytes: final.rss,
    terminalBytes: terminal.bytesWritten,
  };
}

/**
 * Emits CHUNK_EVENTS_PER_TICK chunk events per tick until the run has
 * emitted `chunkEvents` in all.
 */
async function feedUntil(
  run: SyntheticRun,
  chunkEvents: number,
  instance: MountedMonitor,
): Promise<void> {
  while (run.chunkEvents < chunkEvents) {
    const count = Math.min(
      CHUNK_EVENTS_PER_TICK,
      chunkEvents - run.chunkEvents,
    );
    run.emitChunks(count);
    await delay(TICK_MS);
  }

  await settle(instance);
}

/** Waits for the next tick's fold and for Ink to write the frame. */
async function settle(instance: MountedMonitor): Promise<void> {
  await delay(TICK_MS);
  await instance.waitUntilRenderFlush();
  await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Collects garbage twice, because memory that weak callbacks release during
 * one collection is reclaimed only by the next, then reads the memory.
 */
function readMemory(collectGarbage: () => void): NodeJS.MemoryUsage {
  collectGarbage();
  collectGarbage();

  return process.memoryUsage();
}
