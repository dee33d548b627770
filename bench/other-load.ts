import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';

const MICROSECONDS_PER_MS = 1000;

/**
 * Starts measuring how much CPU the rest of the machine uses: busy time of
 * every core minus the CPU time of this process and its worker threads.
 * Returns the function that reads the average since the start, in cores.
 * Timed benchmarks report it, because a busy neighbour slows a sweep down
 * as surely as a slow monitor does.
 *
 * NOTE: the kernel counts core time in clock ticks (10 ms on most Linux
 * systems), so readings over less than a few seconds are rough.
 */
export function startOtherLoadMeter(): () => number {
  const machineStartMs = readMachineBusyMs();
  const processStart = process.cpuUsage();
  const wallStartMs = performance.now();

  return () => {
    const machineMs = readMachineBusyMs() - machineStartMs;
    const { user, system } = process.cpuUsage(processStart);
    const processMs = (user + system) / MICROSECONDS_PER_MS;
    const wallMs = performance.now() - wallStartMs;

    return Math.max(0, machineMs - processMs) / wallMs;
  };
}

/** Returns the time all cores spent busy since boot, in ms. */
function readMachineBusyMs(): number {
  return cpus().reduce((total, core) => {
    const { user, nice, sys, irq } = core.times;

    return total + user + nice + sys + irq;
  }, 0);
}
