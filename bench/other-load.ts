import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';

const MICROSECONDS_PER_MS = 1000;

/**
 * Length of a clock tick in /proc/PID/stat, in ms. The kernel reports
 * process CPU time in USER_HZ ticks, which are 1/100 s on Linux.
 */
const PROC_TICK_MS = 10;

/**
 * Starts measuring how much CPU the rest of the machine uses: busy time of
 * every core minus the CPU time of this process, its worker threads and
 * the child processes in `childPids`. Returns the function that reads the
 * average since the start, in cores. Timed benchmarks report it, because a
 * busy neighbour slows a sweep down as surely as a slow monitor does.
 *
 * NOTE: the kernel counts core time in clock ticks (10 ms on most Linux
 * systems), so readings over less than a few seconds are rough. Child CPU
 * time is read from /proc, so on other systems the children count as
 * other load.
 */
export function startOtherLoadMeter(
  childPids: readonly number[] = [],
): () => number {
  const machineStartMs = readMachineBusyMs();
  const childrenStartMs = readChildrenCpuMs(childPids);
  const processStart = process.cpuUsage();
  const wallStartMs = performance.now();

  return () => {
    const machineMs = readMachineBusyMs() - machineStartMs;
    const childrenMs = readChildrenCpuMs(childPids) - childrenStartMs;
    const { user, system } = process.cpuUsage(processStart);
    const processMs = (user + system) / MICROSECONDS_PER_MS;
    const wallMs = performance.now() - wallStartMs;

    return Math.max(0, machineMs - processMs - childrenMs) / wallMs;
  };
}

/** Returns the time all cores spent busy since boot, in ms. */
function readMachineBusyMs(): number {
  return cpus().reduce((total, core) => {
    const { user, nice, sys, irq } = core.times;

    return total + user + nice + sys + irq;
  }, 0);
}

/** Returns the CPU time of the processes, all threads included, in ms. */
function readChildrenCpuMs(pids: readonly number[]): number {
  return pids.reduce((total, pid) => total + readProcessCpuMs(pid), 0);
}

/**
 * Reads user and system time from /proc/PID/stat: fields 14 and 15, which
 * come 11 and 12 places after the closing parenthesis of the command name.
 * Returns 0 when the file cannot be read, as on systems without /proc.
 */
function readProcessCpuMs(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }

  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);

  return Number.isFinite(ticks) ? ticks * PROC_TICK_MS : 0;
}
