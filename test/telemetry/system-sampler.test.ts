import { afterEach, describe, expect, it } from 'vitest';

import { EventBus } from '../../source/state/event-bus.js';
import type { EventOf } from '../../source/state/events.js';
import type { Sampler } from '../../source/telemetry/sampler.js';
import { startSystemSampler } from '../../source/telemetry/system-sampler.js';

type SystemEvent = EventOf<'system-sampled'>;

const INTERVAL_MS = 100;
/** systeminformation waits 500 ms for its first CPU reading. */
const FIRST_LOAD_TIMEOUT_MS = 2_000;

let sampler: Sampler | undefined;

afterEach(() => {
  sampler?.stop();
  sampler = undefined;
});

/** Starts a sampler and collects its events with their arrival times. */
function startCollecting() {
  const bus = new EventBus();
  const events: SystemEvent[] = [];
  const arrivalsMs: number[] = [];
  const startedAt = performance.now();
  bus.subscribe((event) => {
    if (event.kind === 'system-sampled') {
      events.push(event);
      arrivalsMs.push(performance.now() - startedAt);
    }
  });

  sampler = startSystemSampler({ bus, intervalMs: INTERVAL_MS });

  return { events, arrivalsMs, stop: () => sampler?.stop() };
}

async function waitFor(
  isDone: () => boolean,
  timeoutMs: number,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!isDone()) {
    if (performance.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms.`);
    }

    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('startSystemSampler', () => {
  it('emits a first reading without CPU at once', () => {
    const { events, arrivalsMs } = startCollecting();

    expect(events).toHaveLength(1);
    expect(arrivalsMs[0]).toBeLessThan(100);
    expect(events[0]?.cpuPercent).toBeNull();
    expect(events[0]?.corePercents).toEqual([]);
    expect(events[0]?.rssBytes).toBeGreaterThan(0);
  });

  it('reads memory before the first CPU load', async () => {
    const { events } = startCollecting();

    await waitFor(() => events.some((e) => e.memTotalBytes !== null), 1_000);
    const first = events.find((e) => e.memTotalBytes !== null);

    expect(first?.memUsedBytes).toBeGreaterThan(0);
    expect(first?.memUsedBytes).toBeLessThan(first?.memTotalBytes ?? 0);
  });

  it('reads CPU load and memory in range', async () => {
    const { events } = startCollecting();

    await waitFor(
      () => events.some((e) => e.cpuPercent !== null),
      FIRST_LOAD_TIMEOUT_MS,
    );
    const reading = events.find((e) => e.cpuPercent !== null);

    expect(reading?.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(reading?.cpuPercent).toBeLessThanOrEqual(100);
    expect(reading?.corePercents.length).toBeGreaterThan(0);
    for (const percent of reading?.corePercents ?? []) {
      expect(percent).toBeGreaterThanOrEqual(0);
      expect(percent).toBeLessThanOrEqual(100);
    }
    expect(reading?.memUsedBytes).toBeGreaterThan(0);
    expect(reading?.memUsedBytes).toBeLessThan(reading?.memTotalBytes ?? 0);
    expect(reading?.heapUsedBytes).toBeLessThanOrEqual(
      reading?.heapTotalBytes ?? 0,
    );
  });

  // Retried because a busy machine can delay timers by a whole interval.
  it('keeps emitting once per interval', { retry: 2 }, async () => {
    const { events } = startCollecting();
    await waitFor(
      () => events.some((e) => e.cpuPercent !== null),
      FIRST_LOAD_TIMEOUT_MS,
    );
    const countAtFirstLoad = events.length;

    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * 5.5));
    const laterCount = events.length - countAtFirstLoad;

    expect(laterCount).toBeGreaterThanOrEqual(3);
    expect(laterCount).toBeLessThanOrEqual(6);
  });

  it('emits nothing after stop', async () => {
    const { events, stop } = startCollecting();
    await waitFor(
      () => events.some((e) => e.cpuPercent !== null),
      FIRST_LOAD_TIMEOUT_MS,
    );

    stop();
    const countAtStop = events.length;
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * 3));

    expect(events.length).toBe(countAtStop);
  });

  it('drops a pending sample on stop', async () => {
    const { events, stop } = startCollecting();

    stop();
    await new Promise((resolve) => setTimeout(resolve, 700));

    expect(events).toHaveLength(1);
  });

  it('rejects a fractional interval', () => {
    const start = () =>
      startSystemSampler({ bus: new EventBus(), intervalMs: 2.5 });

    expect(start).toThrow(RangeError);
  });
});
