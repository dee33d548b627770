import type { Comparison } from './comparison.js';
import {
  BENCH_GRID,
  bestWallSeconds,
  formatWallTimes,
  maxOtherCores,
  runBenchSweep,
  runInTurns,
  warmUp,
} from './sweep.js';
import type { SweepOutput } from './sweep-output.js';

/** Drawing the monitor may slow the sweep down by 5% at most. */
const TARGET_SLOWDOWN = 1.05;

/** One worker per core, the CLI's default on a 2-core machine. */
const WORKERS = 2;

/**
 * Times the same sweep with the monitor drawing on a fake 80x24 terminal
 * and with plain lines, both with the CLI's samplers at its default tick.
 * Each side runs three times, in turns, and keeps its fastest run.
 */
export async function measureMonitorOverhead(): Promise<Comparison> {
  await warmUp('monitor');

  const runSweep = (output: SweepOutput) =>
    runBenchSweep({
      grid: BENCH_GRID,
      workers: WORKERS,
      output,
      isSampled: true,
    });
  const runs = await runInTurns(
    () => runSweep('monitor'),
    () => runSweep('plain'),
  );

  return {
    metric: 'sweep time, monitor vs plain',
    a: { label: 'monitor', value: bestWallSeconds(runs.a), unit: 's' },
    b: { label: 'plain', value: bestWallSeconds(runs.b), unit: 's' },
    target: { bound: 'at-most', ratio: TARGET_SLOWDOWN },
    details: [
      `monitor, ${WORKERS} workers: ${formatWallTimes(runs.a)}`,
      `plain, ${WORKERS} workers: ${formatWallTimes(runs.b)}`,
    ],
    otherCores: maxOtherCores([...runs.a, ...runs.b]),
  };
}
