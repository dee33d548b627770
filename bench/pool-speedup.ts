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

/** Two workers on two cores should come close to twice the speed. */
const TARGET_SPEEDUP = 1.8;

/**
 * Times the same sweep on 1 and on 2 workers, with no output and no
 * samplers, so only the pool is measured. Each side runs three times, in
 * turns, and keeps its fastest run: other load only ever adds time.
 */
export async function measurePoolSpeedup(): Promise<Comparison> {
  await warmUp('none');

  const runSweep = (workers: number) =>
    runBenchSweep({
      grid: BENCH_GRID,
      workers,
      output: 'none',
      isSampled: false,
    });
  const runs = await runInTurns(
    () => runSweep(1),
    () => runSweep(2),
  );

  return {
    metric: 'sweep speedup, 2 workers',
    a: { label: '1 worker', value: bestWallSeconds(runs.a), unit: 's' },
    b: { label: '2 workers', value: bestWallSeconds(runs.b), unit: 's' },
    target: { bound: 'at-least', ratio: TARGET_SPEEDUP },
    details: [
      `1 worker: ${formatWallTimes(runs.a)}`,
      `2 workers: ${formatWallTimes(runs.b)}`,
    ],
    otherCores: maxOtherCores([...runs.a, ...runs.b]),
  };
}
