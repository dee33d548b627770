import { mem, type Systeminformation } from 'systeminformation';

import type { EventBus } from '../state/event-bus.js';
import type { SystemReading } from '../state/events.js';
import type { LoadResponse } from './load-messages.js';
import { LoadReader } from './load-reader.js';
import { assertIntervalMs, type Sampler } from './sampler.js';

type LoadReading = Pick<SystemReading, 'cpuPercent' | 'corePercents'>;
type MemoryReading = Pick<SystemReading, 'memUsedBytes' | 'memTotalBytes'>;
type ProcessReading = Pick<
  SystemReading,
  'rssBytes' | 'heapUsedBytes' | 'heapTotalBytes'
>;

type ReadingSource = 'load' | 'memory' | 'process';

const NO_LOAD: LoadReading = { cpuPercent: null, corePercents: [] };
const NO_MEMORY: MemoryReading = { memUsedBytes: null, memTotalBytes: null };

export type SystemSamplerOptions = {
  /** Receives the 'system-sampled' events. */
  readonly bus: Pick<EventBus, 'emit'>;
  /** Time between two samples, in ms. */
  readonly intervalMs: number;
  /**
   * Receives the error when a reading fails, which then shows N/A. Repeated
   * failures of the same reading are reported once. Default: ignore.
   */
  readonly onError?: (error: unknown) => void;
};

/**
 * Starts sampling machine load and memory and this process's memory. It
 * emits a first event at once, with null CPU and memory readings, and one
 * more when the first memory reading arrives. After that it emits one event
 * per finished sample. A sample starts on each interval unless the previous
 * one is still pending, so samples never overlap. CPU load is read in a
 * worker thread, and its first reading takes about 500 ms, which
 * systeminformation waits asynchronously, so this returns at once. The
 * timer and the thread are unref'd.
 */
export function startSystemSampler(options: SystemSamplerOptions): Sampler {
  assertIntervalMs(options.intervalMs);

  const sampler = new SystemSampler(options);
  sampler.start();

  return { stop: () => sampler.stop() };
}

class SystemSampler {
  private load = NO_LOAD;
  private memory = NO_MEMORY;
  private isSampling = false;
  private isStopped = false;
  private hasSampledMemory = false;
  /** Sources whose last reading failed, so repeats are not reported. */
  private readonly failing = new Set<ReadingSource>();
  private timer: NodeJS.Timeout | undefined;
  private readonly loadReader = new LoadReader();

  constructor(private readonly options: SystemSamplerOptions) {}

  start(): void {
    this.emit();
    this.sample();
    this.timer = setInterval(() => this.sample(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    this.isStopped = true;
    clearInterval(this.timer);
    this.loadReader.close();
  }

  private sample(): void {
    if (this.isSampling || this.isStopped) {
      return;
    }

    this.isSampling = true;
    const memory = this.readMemory().then((reading) => {
      this.memory = reading;
      if (!this.hasSampledMemory) {
        // The first CPU reading can be 500 ms away, so show memory now.
        this.hasSampledMemory = true;
        this.emit();
      }
    });
    const load = this.readLoad().then((reading) => {
      this.load = reading;
    });

    void Promise.all([memory, load]).then(() => {
      this.isSampling = false;
      this.emit();
    });
  }

  private async readLoad(): Promise<LoadReading> {
    const response = await this.loadReader.read();
    if (!response.ok) {
      return this.recordFailure('load', response.error, NO_LOAD);
    }

    return this.recordSuccess('load', toLoadReading(response));
  }

  private async readMemory(): Promise<MemoryReading> {
    try {
      const reading = toMemoryReading(await mem());

      return this.recordSuccess('memory', reading);
    } catch (error) {
      return this.recordFailure('memory', error, NO_MEMORY);
    }
  }

  private emit(): void {
    if (this.isStopped) {
      return;
    }

    const processReading = this.readProcess();
    if (processReading === null) {
      // Process memory has no N/A value in a reading, so skip this event.
      return;
    }

    this.options.bus.emit({
      kind: 'system-sampled',
      at: Date.now(),
      ...this.load,
      ...this.memory,
      ...processReading,
    });
  }

  private readProcess(): ProcessReading | null {
    try {
      const usage = process.memoryUsage();
      const reading = {
        rssBytes: usage.rss,
        heapUsedBytes: usage.heapUsed,
        heapTotalBytes: usage.heapTotal,
      };

      return this.recordSuccess('process', reading);
    } catch (error) {
      // memoryUsage() throws when libuv cannot read the process's own stats.
      return this.recordFailure('process', error, null);
    }
  }

  private recordSuccess<T>(source: ReadingSource, reading: T): T {
    this.failing.delete(source);

    return reading;
  }

  private recordFailure<T>(
    source: ReadingSource,
    error: unknown,
    fallback: T,
  ): T {
    if (!this.failing.has(source)) {
      this.failing.add(source);
      this.options.onError?.(error);
    }

    return fallback;
  }
}

function toLoadReading(load: LoadResponse & { ok: true }): LoadReading {
  const cpuPercent = toPercent(load.cpuPercent);
  if (cpuPercent === null) {
    return NO_LOAD;
  }

  const corePercents = load.corePercents
    .map((percent) => toPercent(percent))
    .filter((percent) => percent !== null);
  const hasEveryCore = corePercents.length === load.corePercents.length;

  return { cpuPercent, corePercents: hasEveryCore ? corePercents : [] };
}

/** Returns memory in use as total minus available, so page cache is free. */
function toMemoryReading(data: Systeminformation.MemData): MemoryReading {
  const { total, available } = data;
  const isValid =
    Number.isFinite(total) &&
    Number.isFinite(available) &&
    total > 0 &&
    available >= 0 &&
    available <= total;

  return isValid
    ? { memUsedBytes: total - available, memTotalBytes: total }
    : NO_MEMORY;
}

/**
 * Returns a load in percent clamped to [0, 100], or null when it is not a
 * number. Counters that step back between two reads (a core going offline,
 * say) would otherwise show an impossible load.
 */
function toPercent(value: number): number | null {
  if (!Number.isFinite(value)) {
    return null;
  }

  return Math.min(100, Math.max(0, value));
}
