import type { Comparison } from './comparison.js';
import {
  BENCH_GRID,
  runBenchSweep,
  runInTurns,
  type SweepResult,
} from './sweep.js';
import type { SweepOutput } from './sweep-output.js';

/** Changed cells should cost at most a quarter of whole frames. */
const TARGET_SHARE = 0.25;

/** More workers than cores, so the worker panel has 4 busy rows. */
const WORKERS = 4;

const MS_PER_SECOND = 1000;

/**
 * Measures the bytes per second the monitor writes to an 80x24 terminal
 * during a sweep on 4 workers: as renderMonitor draws it, sending only the
 * cells that changed, and as Ink draws it when each frame rewrites every
 * line. Each
 * side runs three times, in turns, and its rate is its total bytes over its
 * total run time.
 */
export async function measureTerminalBytes(): Promise<Comparison> {
  const runSweep = (output: SweepOutput) =>
    runBenchSweep({
      grid: BENCH_GRID,
      workers: WORKERS,
      output,
      isSampled: true,
    });
  const runs = await runInTurns(
    () => runSweep('monitor'),
    () => runSweep('full-frame-monitor'),
  );

  return {
    metric: `terminal bytes/s, 80x24, ${WORKERS} workers`,
    a: { label: 'changed cells', value: bytesPerSecond(runs.a), unit: 'B/s' },
    b: { label: 'whole frames', value: bytesPerSecond(runs.b), unit: 'B/s' },
    target: { bound: 'at-most', ratio: TARGET_SHARE },
    details: [
      `changed cells: ${describeRuns(runs.a)}`,
      `whole frames: ${describeRuns(runs.b)}`,
    ],
  };
}

function bytesPerSecond(results: readonly SweepResult[]): number {
  const bytes = sum(results.map((result) => result.terminalBytes));
  const wallMs = sum(results.map((result) => result.wallMs));

  return (bytes * MS_PER_SECOND) / wallMs;
}

/** Describes each run: its rate, its writes and the mean bytes per write. */
function describeRuns(results: readonly SweepResult[]): string {
  const described = results.map((result) => {
    const seconds = result.wallMs / MS_PER_SECOND;
    const rate = Math.round(result.terminalBytes / seconds);
    const meanWrite = Math.round(
      result.terminalBytes / Math.max(1, result.terminalWrites),
    );

    return (
      `${rate} B/s over ${seconds.toFixed(2)} s ` +
      `(${result.terminalWrites} writes, ${meanWrite} B each, ` +
      `others ${result.otherCores.toFixed(2)} cores)`
    );
  });

  return described.join('; ');
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
