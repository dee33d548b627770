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

/** Recording the monitor with --record may slow the sweep by 3% at most. */
const TARGET_SLOWDOWN = 1.03;

/** One worker per core, the CLI's default on a 2-core machine. */
const WORKERS = 2;

/**
 * Times the same sweep with the monitor drawing on a fake 80x24 terminal,
 * once recording every byte it draws to a cast file in the temporary folder
 * and once without, both with the CLI's samplers at its default tick. Each
 * side runs three times, in turns, and keeps its fastest run.
 */
export async function measureRecordingOverhead(): Promise<Comparison> {
  await warmUp('recorded-monitor');

  const runSweep = (output: SweepOutput) =>
    runBenchSweep({
      grid: BENCH_GRID,
      workers: WORKERS,
      output,
      isSampled: true,
    });
  const runs = await runInTurns(
    () => runSweep('recorded-monitor'),
    () => runSweep('monitor'),
  );

  return {
    metric: 'sweep time, --record vs monitor',
    a: { label: '--record', value: bestWallSeconds(runs.a), unit: 's' },
    b: { label: 'monitor', value: bestWallSeconds(runs.b), unit: 's' },
    target: { bound: 'at-most', ratio: TARGET_SLOWDOWN },
    details: [
      `--record, ${WORKERS} workers: ${formatWallTimes(runs.a)}`,
      `monitor, ${WORKERS} workers: ${formatWallTimes(runs.b)}`,
    ],
    otherCores: maxOtherCores([...runs.a, ...runs.b]),
  };
}
