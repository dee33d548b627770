import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';

import { EventBus } from '../../source/state/event-bus.js';
import type { EventOf, ThreadReading } from '../../source/state/events.js';
import {
  readOwnThreadId,
  readThreadCpuMs,
  startThreadSampler,
  ThreadCpuTracker,
} from '../../source/telemetry/thread-cpu.js';
import { startTestThread, type TestThread } from './test-threads.js';

/** Spin time of the busy worker: long enough for a few 100 ms readings. */
const BUSY_MS = 300;
const SAMPLE_INTERVAL_MS = 100;

/**
 * Retries for tests that measure real CPU time. Other test files share the
 * cores, so a busy worker can lose a whole interval to them now and then.
 */
const CPU_TIMING = { retry: 2 };

const isLinux = process.platform === 'linux';
const threads: TestThread[] = [];

async function startThread(busyMs: number): Promise<TestThread> {
  const thread = await startTestThread(busyMs);
  threads.push(thread);

  return thread;
}

function requireTid(thread: TestThread): number {
  if (thread.tid === null) {
    throw new Error('The worker could not read its Linux thread id.');
  }

  return thread.tid;
}

afterEach(async () => {
  await Promise.all(threads.splice(0).map((thread) => thread.release()));
});

describe.runIf(isLinux)('readOwnThreadId', () => {
  it('returns the process id on the main thread', () => {
    expect(readOwnThreadId()).toBe(process.pid);
  });

  it('returns a thread of this process in a worker', async () => {
    const thread = await startThread(0);
    const tid = requireTid(thread);

    expect(tid).not.toBe(process.pid);
    expect(readThreadCpuMs(tid)).not.toBeNull();
  });
});

describe.runIf(isLinux)('readThreadCpuMs', () => {
  it('measures a spinning worker as busy', CPU_TIMING, async () => {
    const thread = await startThread(BUSY_MS);
    const tid = requireTid(thread);
    const startCpuMs = readThreadCpuMs(tid);
    const startMs = performance.now();

    await thread.spun;
    const endCpuMs = readThreadCpuMs(tid);
    const wallMs = performance.now() - startMs;

    expect(startCpuMs).not.toBeNull();
    expect(endCpuMs).not.toBeNull();
    const busyPercent = (((endCpuMs ?? 0) - (startCpuMs ?? 0)) / wallMs) * 100;
    expect(busyPercent).toBeGreaterThan(50);
  });

  it('measures a waiting worker as idle', CPU_TIMING, async () => {
    const thread = await startThread(0);
    const tid = requireTid(thread);
    await thread.spun;
    const startCpuMs = readThreadCpuMs(tid);

    await new Promise((resolve) => setTimeout(resolve, BUSY_MS));
    const endCpuMs = readThreadCpuMs(tid);

    expect(startCpuMs).not.toBeNull();
    expect(endCpuMs).not.toBeNull();
    const idlePercent = (((endCpuMs ?? 0) - (startCpuMs ?? 0)) / BUSY_MS) * 100;
    expect(idlePercent).toBeLessThan(20);
  });

  it('returns null once the thread has exited', async () => {
    const thread = await startThread(0);
    const tid = requireTid(thread);

    await thread.release();

    expect(readThreadCpuMs(tid)).toBeNull();
  });

  it('returns null for an invalid thread id', () => {
    expect(readThreadCpuMs(0)).toBeNull();
    expect(readThreadCpuMs(-1)).toBeNull();
    expect(readThreadCpuMs(1.5)).toBeNull();
  });
});

describe.runIf(isLinux)('ThreadCpuTracker', () => {
  it('returns null on the first reading', async () => {
    const thread = await startThread(0);
    const tracker = new ThreadCpuTracker();

    const readings = tracker.measure([
      { workerId: 1, tid: requireTid(thread) },
    ]);

    expect(readings).toEqual([{ workerId: 1, cpuPercent: null }]);
  });

  it('returns null for an unreadable thread', () => {
    const tracker = new ThreadCpuTracker();
    const missing = [{ workerId: 7, tid: 0 }];

    tracker.measure(missing);

    expect(tracker.measure(missing)).toEqual([
      { workerId: 7, cpuPercent: null },
    ]);
  });

  it('restarts when a thread id changes worker', async () => {
    const thread = await startThread(0);
    const tid = requireTid(thread);
    const tracker = new ThreadCpuTracker();

    tracker.measure([{ workerId: 1, tid }]);
    const readings = tracker.measure([{ workerId: 2, tid }]);

    expect(readings).toEqual([{ workerId: 2, cpuPercent: null }]);
  });
});

describe.runIf(isLinux)('startThreadSampler', () => {
  it('reports busy and idle workers', CPU_TIMING, async () => {
    const busy = await startThread(BUSY_MS);
    const idle = await startThread(0);
    const listed = [
      { workerId: 1, tid: requireTid(busy) },
      { workerId: 2, tid: requireTid(idle) },
    ];
    const events: EventOf<'threads-sampled'>[] = [];
    const bus = new EventBus();
    bus.subscribe((event) => {
      if (event.kind === 'threads-sampled') {
        events.push(event);
      }
    });

    const sampler = startThreadSampler({
      bus,
      intervalMs: SAMPLE_INTERVAL_MS,
      listThreads: () => listed,
    });
    await busy.spun;
    sampler.stop();

    const busyPercents = percentsOf(events, 1);
    const idlePercents = percentsOf(events, 2);
    expect(busyPercents.length).toBeGreaterThan(0);
    expect(Math.max(...busyPercents)).toBeGreaterThan(50);
    expect(idlePercents.length).toBeGreaterThan(0);
    expect(Math.max(...idlePercents)).toBeLessThan(20);
  });

  it('emits nothing after stop', async () => {
    let eventCount = 0;
    const bus = new EventBus();
    bus.subscribe(() => {
      eventCount += 1;
    });

    const sampler = startThreadSampler({
      bus,
      intervalMs: SAMPLE_INTERVAL_MS,
      listThreads: () => [],
    });
    await new Promise((resolve) =>
      setTimeout(resolve, SAMPLE_INTERVAL_MS * 2.5),
    );
    sampler.stop();
    const countAtStop = eventCount;
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_INTERVAL_MS * 2));

    expect(countAtStop).toBeGreaterThan(0);
    expect(eventCount).toBe(countAtStop);
  });

  it('rejects an interval of 0 ms', () => {
    const start = () =>
      startThreadSampler({
        bus: new EventBus(),
        intervalMs: 0,
        listThreads: () => [],
      });

    expect(start).toThrow(RangeError);
  });
});

describe.runIf(!isLinux)('thread CPU off Linux', () => {
  it('reads nothing', () => {
    expect(readOwnThreadId()).toBeNull();
    expect(readThreadCpuMs(process.pid)).toBeNull();
  });
});

function percentsOf(
  events: readonly EventOf<'threads-sampled'>[],
  workerId: number,
): number[] {
  return events
    .flatMap((event) => event.threads)
    .filter((reading: ThreadReading) => reading.workerId === workerId)
    .map((reading) => reading.cpuPercent)
    .filter((percent) => percent !== null);
}
