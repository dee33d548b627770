import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { openLogFile } from '../source/cli/logger.js';
import { planGrid, type GridOptions } from '../source/plan/grid.js';
import { loadIris } from '../source/data/iris.js';
import { shareTable } from '../source/data/shared-table.js';
import { splitRows } from '../source/data/split.js';
import { LocalRunner } from '../source/runner/local-runner.js';
import { EventBus } from '../source/state/event-bus.js';
import { startSystemSampler } from '../source/telemetry/system-sampler.js';
import { startThreadSampler } from '../source/telemetry/thread-cpu.js';
import { FakeTerminal } from './fake-terminal.js';
import { startOtherLoadMeter } from './other-load.js';
import { attachOutput, CLI_TICK_MS, type SweepOutput } from './sweep-output.js';

/**
 * The sweep that the pool, overhead and terminal benchmarks run: 60 trials
 * of 100 or 300 trees, which took 10 to 12 s on one worker of an idle 2-core
 * x64 Linux VM.
 */
export const BENCH_GRID: GridOptions = {
  trees: [100, 300],
  maxFeatures: [1, 2, 3],
  maxDepth: [2, 3],
  seeds: 5,
  seed: 1,
  chunkSize: 10,
};

/** A sweep of 4 short trials: enough to compile the main thread's code. */
export const WARM_UP_GRID: GridOptions = {
  trees: [20],
  maxFeatures: [1, 2],
  maxDepth: [2, 3],
  seeds: 1,
  seed: 1,
  chunkSize: 10,
};

/** Share of each class held out for testing, as in the CLI. */
const TEST_FRACTION = 0.2;

export const JOB_NAME = 'iris random forest';

const MS_PER_SECOND = 1000;

/**
 * Runs of each side of a comparison. More runs make the best time steadier
 * but cost a full sweep each.
 */
const ROUNDS = 3;

export type SweepOptions = {
  readonly grid: GridOptions;
  /** Trials trained at once. */
  readonly workers: number;
  readonly output: SweepOutput;
  /** Runs the system and thread samplers every CLI_TICK_MS, as the CLI. */
  readonly isSampled: boolean;
};

/** Wall time of one timed run and the other load during it. */
export type TimedRun = {
  /** Wall time of the runner's run(), from start to its last event, in ms. */
  readonly wallMs: number;
  /** CPU that other processes used during run(), in cores. */
  readonly otherCores: number;
};

export type SweepResult = TimedRun & {
  /** Bytes written to the fake terminal during run(). */
  readonly terminalBytes: number;
  /** Write calls on the fake terminal during run(). */
  readonly terminalWrites: number;
};

/**
 * Runs a sweep on real worker threads with the given output, wired the way
 * the CLI wires runner, samplers and output, and times it. Throws when a
 * trial did not finish, so a broken run never counts as a fast one, and
 * then keeps the run's log file for inspection.
 */
export async function runBenchSweep(
  options: SweepOptions,
): Promise<SweepResult> {
  const logDirectory = mkdtempSync(path.join(tmpdir(), 'traintop-bench-'));
  const logPath = path.join(logDirectory, 'bench.log');
  const log = openLogFile(logPath);
  const trials = planGrid(options.grid);
  const bus = new EventBus();
  let finishedTrials = 0;
  bus.subscribe((event) => {
    finishedTrials += event.kind === 'trial-finished' ? 1 : 0;
  });

  const runner = new LocalRunner({
    bus,
    runId: `bench-${process.pid}`,
    job: JOB_NAME,
    trials,
    data: { kind: 'shared', table: irisTable(options.grid.seed) },
    poolSize: options.workers,
    maxPoolSize: options.workers,
    retries: 0,
    logger: log.logger,
  });
  const terminal = new FakeTerminal();
  const output = await attachOutput(options.output, bus, runner, terminal);
  const stopSamplers = options.isSampled
    ? startSamplers(bus, runner, (error) => {
        log.logger.warn({ err: error }, 'sampling failed');
      })
    : () => {};

  const bytesBefore = terminal.bytesWritten;
  const writesBefore = terminal.writeCount;
  const readOtherCores = startOtherLoadMeter();
  const startMs = performance.now();
  let isComplete = false;
  try {
    const outcome = await runner.run();
    const wallMs = performance.now() - startMs;
    const otherCores = readOtherCores();
    if (outcome !== 'completed' || finishedTrials !== trials.length) {
      throw new Error(
        `Benchmark sweep failed: ${finishedTrials} of ${trials.length} ` +
          `trials finished and the run ended ${outcome}. Its log is ` +
          `${logPath}.`,
      );
    }

    isComplete = true;

    return {
      wallMs,
      terminalBytes: terminal.bytesWritten - bytesBefore,
      terminalWrites: terminal.writeCount - writesBefore,
      otherCores,
    };
  } finally {
    stopSamplers();
    await output.close();
    log.flush();
    if (isComplete) {
      rmSync(logDirectory, { recursive: true, force: true });
    }
  }
}

/**
 * Runs a short sweep, so that loading modules and compiling the main
 * thread's code is not timed as part of the first measured run.
 *
 * NOTE: every sweep starts a new worker pool, so the worker threads of each
 * measured sweep still load and compile the training code themselves, as
 * they do in every run of the CLI.
 */
export async function warmUp(output: SweepOutput): Promise<void> {
  await runBenchSweep({
    grid: WARM_UP_GRID,
    workers: 2,
    output,
    isSampled: output !== 'none',
  });
}

/**
 * Runs two setups ROUNDS times each in the order A B, B A, A B, so that a
 * slow drift of the machine (another process starting, the CPU warming)
 * weighs on both sides alike. Returns the results of each side in run order.
 */
export async function runInTurns<T>(
  runA: () => Promise<T>,
  runB: () => Promise<T>,
): Promise<{ readonly a: T[]; readonly b: T[] }> {
  const a: T[] = [];
  const b: T[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      a.push(await runA());
      b.push(await runB());
    } else {
      b.push(await runB());
      a.push(await runA());
    }
  }

  return { a, b };
}

/** Returns the highest CPU use of other processes in the runs, in cores. */
export function maxOtherCores(results: readonly TimedRun[]): number {
  return Math.max(...results.map((result) => result.otherCores));
}

/** Returns the shortest wall time of the runs, in seconds. */
export function bestWallSeconds(results: readonly TimedRun[]): number {
  return Math.min(...results.map((result) => result.wallMs)) / MS_PER_SECOND;
}

/**
 * Formats the wall time of each run, in run order, with the CPU that other
 * processes took meanwhile.
 */
export function formatWallTimes(results: readonly TimedRun[]): string {
  const runs = results.map((result) => {
    const seconds = (result.wallMs / MS_PER_SECOND).toFixed(2);

    return `${seconds} s (others ${result.otherCores.toFixed(2)} cores)`;
  });

  return runs.join(', ');
}

/** Starts the CLI's two samplers and returns the function that stops them. */
function startSamplers(
  bus: EventBus,
  runner: LocalRunner,
  onError: (error: unknown) => void,
): () => void {
  const samplers = [
    startSystemSampler({ bus, intervalMs: CLI_TICK_MS, onError }),
    startThreadSampler({
      bus,
      intervalMs: CLI_TICK_MS,
      listThreads: () => runner.listThreads(),
    }),
  ];

  return () => {
    for (const sampler of samplers) {
      sampler.stop();
    }
  };
}

/** Returns the iris table with the CLI's hold-out split for `seed`. */
export function irisTable(seed: number) {
  const iris = loadIris();
  const evaluation = { kind: 'holdout', testFraction: TEST_FRACTION } as const;

  return shareTable(iris, splitRows(iris, evaluation, seed));
}
