import { readFileSync, readlinkSync } from 'node:fs';
import { arch, endianness } from 'node:os';
import { performance } from 'node:perf_hooks';

import type { EventBus } from '../state/event-bus.js';
import type { ThreadReading } from '../state/events.js';
import { assertIntervalMs, type Sampler } from './sampler.js';

/**
 * Clock ticks per second assumed when the kernel's value cannot be read.
 * Linux reports /proc times in USER_HZ ticks, and `getconf CLK_TCK` prints
 * 100 on x86-64 Linux.
 */
const FALLBACK_CLOCK_TICKS_PER_SECOND = 100;

/** Auxiliary vector entry types from <elf.h>. */
const AT_NULL = 0;
const AT_CLKTCK = 17;

/** Node architectures whose auxiliary vector uses 4-byte words. */
const ARCHES_32_BIT = new Set(['arm', 'ia32', 'mips', 'mipsel', 'ppc']);

/**
 * Positions of utime and stime (fields 14 and 15 of proc_pid_stat(5)) among
 * the fields after the ")" that closes field 2, which starts at field 3.
 */
const UTIME_INDEX = 14 - 3;
const STIME_INDEX = 15 - 3;

/** Share of one core that a single thread can use at most, in percent. */
const MAX_THREAD_PERCENT = 100;

/** A worker thread to measure: the runner's id and the Linux thread id. */
export type ThreadIdentity = {
  readonly workerId: number;
  readonly tid: number;
};

const isLinux = process.platform === 'linux';
let clockTicksPerSecond: number | undefined;

/**
 * Reads the Linux thread id of the calling thread from /proc/thread-self,
 * which links to `<pid>/task/<tid>`. A worker thread calls this to tell the
 * main thread which /proc entry to sample. Returns null off Linux, and on
 * kernels before 3.17 that lack /proc/thread-self.
 */
export function readOwnThreadId(): number | null {
  if (!isLinux) {
    return null;
  }

  const target = readProcLink('/proc/thread-self');
  const match = target === null ? null : /^\d+\/task\/(\d+)$/.exec(target);

  return match?.[1] === undefined ? null : Number(match[1]);
}

/**
 * Reads the CPU time that thread `tid` of this process has used so far, user
 * and system time together, in ms. Returns null off Linux and when the thread
 * has exited or its stat file cannot be read or parsed.
 */
export function readThreadCpuMs(tid: number): number | null {
  if (!isLinux || !Number.isSafeInteger(tid) || tid < 1) {
    return null;
  }

  const stat = readProcText(`/proc/self/task/${tid}/stat`);
  const ticks = stat === null ? null : parseCpuTicks(stat);

  return ticks === null ? null : (ticks * 1000) / getClockTicksPerSecond();
}

type CpuSample = {
  readonly workerId: number;
  readonly cpuMs: number;
  /** performance.now() when the sample was read. */
  readonly atMs: number;
};

/**
 * Turns successive CPU-time readings of worker threads into percentages of
 * one core. A reading is quantised to clock ticks: at 100 ticks per second
 * over 250 ms, one tick is 4 percentage points.
 */
export class ThreadCpuTracker {
  private samples = new Map<number, CpuSample>();

  /**
   * Reads every listed thread and returns its CPU percent since the previous
   * call. The percent is null for a thread's first reading and for a thread
   * that cannot be read. Threads missing from the list are forgotten.
   */
  measure(threads: readonly ThreadIdentity[]): ThreadReading[] {
    const atMs = performance.now();
    const next = new Map<number, CpuSample>();

    const readings = threads.map(({ workerId, tid }) => {
      const cpuMs = readThreadCpuMs(tid);
      if (cpuMs === null) {
        return { workerId, cpuPercent: null };
      }

      const sample = { workerId, cpuMs, atMs };
      next.set(tid, sample);

      return {
        workerId,
        cpuPercent: percentSince(this.samples.get(tid), sample),
      };
    });

    this.samples = next;

    return readings;
  }
}

export type ThreadSamplerOptions = {
  /** Receives one 'threads-sampled' event per interval. */
  readonly bus: Pick<EventBus, 'emit'>;
  /** Time between two events, in ms. */
  readonly intervalMs: number;
  /** Returns the threads to measure now. Called on the main thread. */
  readonly listThreads: () => readonly ThreadIdentity[];
};

/**
 * Starts measuring worker threads. The first reading at start is a silent
 * baseline, so the first event, one interval later, already has numbers for
 * the threads listed at start. The timer is unref'd and never keeps the
 * process alive. Each reading is a synchronous /proc read per thread, which
 * took about 20 µs on a 2-core x64 Linux VM, so 50 threads cost about 1 ms.
 */
export function startThreadSampler(options: ThreadSamplerOptions): Sampler {
  assertIntervalMs(options.intervalMs);

  const tracker = new ThreadCpuTracker();
  tracker.measure(options.listThreads());

  const timer = setInterval(() => {
    const threads = tracker.measure(options.listThreads());
    options.bus.emit({ kind: 'threads-sampled', at: Date.now(), threads });
  }, options.intervalMs);
  timer.unref();

  return {
    stop: () => {
      clearInterval(timer);
    },
  };
}

function percentSince(previous: CpuSample | undefined, current: CpuSample) {
  if (previous === undefined || previous.workerId !== current.workerId) {
    return null;
  }

  const wallMs = current.atMs - previous.atMs;
  if (wallMs <= 0) {
    return null;
  }

  const percent = ((current.cpuMs - previous.cpuMs) / wallMs) * 100;

  // Tick rounding can push a busy thread a little past one full core.
  return Math.min(MAX_THREAD_PERCENT, Math.max(0, percent));
}

/** Returns utime + stime in clock ticks from a /proc stat line. */
function parseCpuTicks(stat: string): number | null {
  // Field 2 is the thread name in brackets and may itself contain ") ".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[UTIME_INDEX]);
  const stime = Number(fields[STIME_INDEX]);

  return Number.isSafeInteger(utime) && Number.isSafeInteger(stime)
    ? utime + stime
    : null;
}

function getClockTicksPerSecond(): number {
  clockTicksPerSecond ??=
    readClockTicksPerSecond() ?? FALLBACK_CLOCK_TICKS_PER_SECOND;

  return clockTicksPerSecond;
}

/**
 * Reads AT_CLKTCK from this process's auxiliary vector, the value that
 * glibc's sysconf(_SC_CLK_TCK) and `getconf CLK_TCK` return. Reading the
 * file took 0.3 ms and spawning getconf 4 ms on a 2-core x64 Linux VM.
 */
function readClockTicksPerSecond(): number | null {
  const auxv = readProcBuffer('/proc/self/auxv');
  if (auxv === null) {
    return null;
  }

  const wordBytes = ARCHES_32_BIT.has(arch()) ? 4 : 8;
  for (let at = 0; at + 2 * wordBytes <= auxv.length; at += 2 * wordBytes) {
    const type = readWord(auxv, at, wordBytes);
    if (type === AT_NULL) {
      break;
    }

    if (type === AT_CLKTCK) {
      const ticks = readWord(auxv, at + wordBytes, wordBytes);

      return ticks > 0 ? ticks : null;
    }
  }

  return null;
}

function readWord(buffer: Buffer, offset: number, wordBytes: number) {
  const isLittleEndian = endianness() === 'LE';
  if (wordBytes === 4) {
    return isLittleEndian
      ? buffer.readUInt32LE(offset)
      : buffer.readUInt32BE(offset);
  }

  return Number(
    isLittleEndian
      ? buffer.readBigUInt64LE(offset)
      : buffer.readBigUInt64BE(offset),
  );
}

// The /proc readers below return null on a system error (a thread that has
// exited gives ENOENT) and rethrow anything else, which would be a bug.

function readProcText(path: string): string | null {
  try {
    return readFileSync(path, 'latin1');
  } catch (error) {
    return nullOnSystemError(error);
  }
}

function readProcBuffer(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch (error) {
    return nullOnSystemError(error);
  }
}

function readProcLink(path: string): string | null {
  try {
    return readlinkSync(path);
  } catch (error) {
    return nullOnSystemError(error);
  }
}

function nullOnSystemError(error: unknown): null {
  if (error instanceof Error && 'code' in error) {
    return null;
  }

  throw error;
}
