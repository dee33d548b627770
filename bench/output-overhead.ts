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

/** One worker per core, the CLI's default on a 2-core machine. */
const WORKERS = 2;

/** One side of an output comparison: how the sweep shows its progress. */
export type OutputSide = {
  readonly label: string;
  readonly output: SweepOutput;
};

/**
 * Times the same sweep with two outputs, both with the CLI's samplers at
 * its default tick. Each side runs three times, in turns, and keeps its
 * fastest run. The ratio is side A's time over side B's, which must stay
 * at most `maxSlowdown`.
 */
export async function measureOutputOverhead(
  metric: string,
  a: OutputSide,
  b: OutputSide,
  maxSlowdown: number,
): Promise<Comparison> {
  await warmUp(a.output);

  const runSweep = (output: SweepOutput) =>
    runBenchSweep({
      grid: BENCH_GRID,
      workers: WORKERS,
      output,
      isSampled: true,
    });
  const runs = await runInTurns(
    () => runSweep(a.output),
    () => runSweep(b.output),
  );

  return {
    metric,
    a: { label: a.label, value: bestWallSeconds(runs.a), unit: 's' },
    b: { label: b.label, value: bestWallSeconds(runs.b), unit: 's' },
    target: { bound: 'at-most', ratio: maxSlowdown },
    details: [
      `${a.label}, ${WORKERS} workers: ${formatWallTimes(runs.a)}`,
      `${b.label}, ${WORKERS} workers: ${formatWallTimes(runs.b)}`,
    ],
    otherCores: maxOtherCores([...runs.a, ...runs.b]),
  };
}
