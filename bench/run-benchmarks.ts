import { arch, availableParallelism, cpus, platform } from 'node:os';
import { performance } from 'node:perf_hooks';

import { formatTable, type Comparison } from './comparison.js';
import { measureCsvLoadMemory, measureCsvLoadSpeed } from './csv-load.js';
import { measureDataPassing } from './data-passing.js';
import { measureHalvingScore, measureHalvingTrees } from './halving-search.js';
import { measureMonitorMemory } from './monitor-memory.js';
import { measureMonitorOverhead } from './monitor-overhead.js';
import { measurePoolSpeedup } from './pool-speedup.js';
import { measureQueueOverhead } from './queue-overhead.js';
import { measureRecordingOverhead } from './recording-overhead.js';
import { measureStoreFrameTime } from './store-frame-time.js';
import { measureStoreIngest } from './store-ingest.js';
import { measureTerminalBytes } from './terminal-bytes.js';

type Benchmark = {
  readonly name: string;
  readonly measure: () => Promise<Comparison>;
};

const BENCHMARKS: readonly Benchmark[] = [
  { name: 'pool speedup', measure: measurePoolSpeedup },
  { name: 'queue overhead', measure: measureQueueOverhead },
  { name: 'monitor overhead', measure: measureMonitorOverhead },
  { name: 'recording overhead', measure: measureRecordingOverhead },
  { name: 'terminal bytes', measure: measureTerminalBytes },
  { name: 'monitor memory', measure: measureMonitorMemory },
  { name: 'store ingest', measure: measureStoreIngest },
  { name: 'store frame time', measure: measureStoreFrameTime },
  { name: 'data passing', measure: measureDataPassing },
  { name: 'CSV load memory', measure: measureCsvLoadMemory },
  { name: 'CSV load speed', measure: measureCsvLoadSpeed },
  { name: 'halving trees', measure: measureHalvingTrees },
  { name: 'halving accuracy', measure: measureHalvingScore },
];

const MS_PER_SECOND = 1000;

/**
 * CPU use of other processes, in cores, above which a timed comparison gets
 * a warning. A sweep keeps every core busy, so any other work slows it.
 */
const OTHER_LOAD_WARNING_CORES = 0.1;

/**
 * Runs every benchmark in turn and prints the machine, progress lines and a
 * table of results. A missed target is a result, not an error, so it leaves
 * the exit code at 0. A benchmark that throws sets it to 1.
 */
export async function runBenchmarks(): Promise<void> {
  const startMs = performance.now();
  print(describeMachine());

  const comparisons: Comparison[] = [];
  for (const benchmark of BENCHMARKS) {
    print(`running ${benchmark.name}...`);
    try {
      comparisons.push(await benchmark.measure());
    } catch (error) {
      process.stderr.write(
        `error: benchmark ${benchmark.name} failed: ${describe(error)}\n`,
      );
      process.exitCode = 1;
    }
  }

  const seconds = (performance.now() - startMs) / MS_PER_SECOND;
  print(`took ${seconds.toFixed(0)} s\n`);
  print(formatTable(comparisons));
  print('');
  printLoadWarnings(comparisons);
  for (const comparison of comparisons) {
    print(`${comparison.metric}:`);
    for (const line of comparison.details) {
      print(`  ${line}`);
    }
  }
}

function printLoadWarnings(comparisons: readonly Comparison[]): void {
  for (const { metric, otherCores } of comparisons) {
    if (otherCores === undefined || otherCores <= OTHER_LOAD_WARNING_CORES) {
      continue;
    }

    print(
      `warning: other processes used up to ${otherCores.toFixed(2)} cores ` +
        `during "${metric}", so its times are not reliable: rerun on an ` +
        'idle machine.',
    );
  }
}

function describeMachine(): string {
  const model = cpus()[0]?.model ?? 'unknown CPU';

  return (
    `${new Date().toISOString()}  Node.js ${process.version}  ` +
    `${platform()} ${arch()}  ${availableParallelism()} cores (${model})`
  );
}

function describe(error: unknown): string {
  return error instanceof Error
    ? (error.stack ?? error.message)
    : String(error);
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}
