import { MersenneTwister19937, Random } from 'random-js';

import { planGrid } from '../source/plan/grid.js';
import type { TrialSpec } from '../source/plan/trial-spec.js';
import type { EventBus } from '../source/state/event-bus.js';
import type { Scores } from '../source/state/events.js';

/**
 * 200 trials of 500 trees grown 10 at a time: 50 chunks each, so 10,000
 * chunk events in all.
 */
const SYNTHETIC_GRID = {
  trees: [500],
  maxFeatures: [1, 2, 3, 4],
  maxDepth: [1, 2, 3, 4, 5],
  seeds: 10,
  seed: 1,
  chunkSize: 10,
};

/** Worker threads training at once, with thread ids 1 to 4. */
const SYNTHETIC_WORKERS = 4;

/** Cores in the system readings. Four busy threads share them. */
const CORE_COUNT = 2;

/** Simulated training time of one chunk on one worker, in ms. */
const CHUNK_MS = 50;

/** Rows of iris in the 80/20 split: accuracies are multiples of 1/rows. */
const TRAIN_ROWS = 120;
const TEST_ROWS = 30;

const MEMORY_TOTAL_BYTES = 8 * 2 ** 30;

const RANDOM_SEED = 1;

type ActiveTrial = {
  readonly spec: TrialSpec;
  treesDone: number;
};

/**
 * Emits the events of a made-up sweep on SYNTHETIC_WORKERS workers, with
 * the shape and order that LocalRunner and the samplers produce, but with
 * no training behind them. Its clock is simulated: each chunk event moves
 * it on by CHUNK_MS shared among the workers.
 */
export class SyntheticRun {
  /** trial-progress events emitted so far. */
  chunkEvents = 0;
  private readonly random = new Random(MersenneTwister19937.seed(RANDOM_SEED));
  private readonly trials = planGrid(SYNTHETIC_GRID);
  private readonly queue = [...this.trials];
  private readonly active = new Map<number, ActiveTrial>();
  private clockMs: number;

  constructor(
    private readonly bus: EventBus,
    startMs: number,
  ) {
    this.clockMs = startMs;
  }

  /** Chunk events the whole run emits. */
  get totalChunkEvents(): number {
    return this.trials.reduce(
      (total, spec) => total + spec.params.trees / spec.chunkSize,
      0,
    );
  }

  /** Emits run-started, then starts one worker and one trial per worker. */
  start(): void {
    this.bus.emit({
      kind: 'run-started',
      at: this.clockMs,
      runId: 'synthetic',
      job: 'iris random forest',
      trials: this.trials,
      poolSize: SYNTHETIC_WORKERS,
      maxPoolSize: SYNTHETIC_WORKERS,
    });

    for (let workerId = 1; workerId <= SYNTHETIC_WORKERS; workerId++) {
      this.bus.emit({ kind: 'worker-started', at: this.clockMs, workerId });
      this.startNextTrial(workerId);
    }
  }

  /**
   * Emits `count` chunk events, taking the workers in turn, with each
   * trial's start and finish, and then one reading from each sampler.
   * Throws when the run has fewer chunks left.
   */
  emitChunks(count: number): void {
    if (this.chunkEvents + count > this.totalChunkEvents) {
      throw new RangeError(
        `Cannot emit ${count} more chunk events: the synthetic run has ` +
          `${this.totalChunkEvents - this.chunkEvents} left.`,
      );
    }

    for (let emitted = 0; emitted < count; emitted++) {
      const workerId = this.nextBusyWorker();
      this.clockMs += CHUNK_MS / SYNTHETIC_WORKERS;
      this.emitChunk(workerId, this.active.get(workerId)!);
    }
    this.emitReadings();
  }

  finish(): void {
    this.bus.emit({
      kind: 'run-finished',
      at: this.clockMs,
      reason: 'completed',
    });
  }

  private nextBusyWorker(): number {
    const workerIds = [...this.active.keys()].sort((a, b) => a - b);

    return workerIds[this.chunkEvents % workerIds.length]!;
  }

  private emitChunk(workerId: number, trial: ActiveTrial): void {
    trial.treesDone += trial.spec.chunkSize;
    const elapsedMs = (trial.treesDone / trial.spec.chunkSize) * CHUNK_MS;
    const accuracies = this.drawScores(trial);
    this.bus.emit({
      kind: 'trial-progress',
      at: this.clockMs,
      trialId: trial.spec.id,
      workerId,
      treesDone: trial.treesDone,
      elapsedMs,
      ...accuracies,
    });
    this.chunkEvents += 1;

    if (trial.treesDone < trial.spec.params.trees) {
      return;
    }

    this.bus.emit({
      kind: 'trial-finished',
      at: this.clockMs,
      trialId: trial.spec.id,
      workerId,
      trees: trial.treesDone,
      elapsedMs,
      ...accuracies,
      foldTestScores: [accuracies.testScore],
    });
    this.active.delete(workerId);
    this.startNextTrial(workerId);
  }

  private startNextTrial(workerId: number): void {
    const spec = this.queue.shift();
    if (spec === undefined) {
      return;
    }

    this.active.set(workerId, { spec, treesDone: 0 });
    this.bus.emit({
      kind: 'trial-started',
      at: this.clockMs,
      trialId: spec.id,
      workerId,
      attempt: 1,
      treesDone: 0,
    });
  }

  /** Draws accuracies that rise with depth and settle as trees grow. */
  private drawScores(trial: ActiveTrial): Scores {
    const { maxDepth } = trial.spec.params;
    const noise = 0.1 / Math.sqrt(trial.treesDone);
    const level = Math.min(0.97, 0.7 + 0.06 * maxDepth);
    const draw = (rows: number) =>
      Math.round(clampUnit(level + this.random.real(-noise, noise)) * rows) /
      rows;
    const isOobDefined = trial.treesDone > trial.spec.chunkSize;

    return {
      trainScore: draw(TRAIN_ROWS),
      testScore: draw(TEST_ROWS),
      oobScore: isOobDefined ? draw(TRAIN_ROWS) : null,
    };
  }

  private emitReadings(): void {
    const usage = process.memoryUsage();
    const corePercents = Array.from({ length: CORE_COUNT }, () =>
      this.random.real(85, 100),
    );
    this.bus.emit({
      kind: 'system-sampled',
      at: this.clockMs,
      cpuPercent: corePercents.reduce((a, b) => a + b) / CORE_COUNT,
      corePercents,
      memUsedBytes: MEMORY_TOTAL_BYTES * this.random.real(0.3, 0.35),
      memTotalBytes: MEMORY_TOTAL_BYTES,
      rssBytes: usage.rss,
      heapUsedBytes: usage.heapUsed,
      heapTotalBytes: usage.heapTotal,
    });
    this.bus.emit({
      kind: 'threads-sampled',
      at: this.clockMs,
      threads: [...this.active.keys()].map((workerId) => ({
        workerId,
        cpuPercent: this.random.real(40, 60),
      })),
    });
  }
}

function clampUnit(value: number): number {
  return Math.min(1, Math.max(0, value));
}
