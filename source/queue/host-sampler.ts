import { cpus } from 'node:os';

import { mem } from 'systeminformation';

import type { HostReading } from '../state/events.js';

type CpuTimes = { readonly busyMs: number; readonly totalMs: number };

/**
 * Reads the machine's CPU load and memory for heartbeats. CPU load is the
 * load since the previous read, or null on the first. It comes from the
 * per-core times of `os.cpus()`, a quick read of /proc/stat on Linux, so it
 * runs on the main thread. Memory comes from systeminformation's `mem()`,
 * and page cache counts as free, as in the monitor's system panel.
 */
export class HostSampler {
  private previous: CpuTimes | null = readCpuTimes();

  /** `onError` receives the error of a memory reading that failed. */
  constructor(private readonly onError: (error: unknown) => void) {}

  /** Takes one reading, with null for each value that cannot be read. */
  async read(): Promise<HostReading> {
    return {
      cpuPercent: this.readCpuPercent(),
      ...(await this.readMemory()),
    };
  }

  private async readMemory(): Promise<Omit<HostReading, 'cpuPercent'>> {
    try {
      const { total, available } = await mem();
      if (total > 0 && available >= 0 && available <= total) {
        return { memUsedBytes: total - available, memTotalBytes: total };
      }
    } catch (error) {
      this.onError(error);
    }

    return { memUsedBytes: null, memTotalBytes: null };
  }

  private readCpuPercent(): number | null {
    const current = readCpuTimes();
    const previous = this.previous;
    this.previous = current;
    if (previous === null || current === null) {
      return null;
    }

    const totalMs = current.totalMs - previous.totalMs;
    if (totalMs <= 0) {
      return null;
    }

    const percent = ((current.busyMs - previous.busyMs) / totalMs) * 100;

    // Counters that step back, as when a core goes offline, would give an
    // impossible load.
    return Math.min(100, Math.max(0, percent));
  }
}

function readCpuTimes(): CpuTimes | null {
  const cores = cpus();
  if (cores.length === 0) {
    return null;
  }

  let busyMs = 0;
  let totalMs = 0;
  for (const { times } of cores) {
    const coreMs = times.user + times.nice + times.sys + times.irq;
    busyMs += coreMs;
    totalMs += coreMs + times.idle;
  }

  return { busyMs, totalMs };
}
