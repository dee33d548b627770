import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { loadIris } from '../../source/data/iris.js';
import { shareTable } from '../../source/data/shared-table.js';
import { splitRows } from '../../source/data/split.js';
import type { TrialSpec } from '../../source/plan/trial-spec.js';
import {
  DEFAULT_HALVING,
  type HalvingOptions,
} from '../../source/plan/halving.js';
import { LocalRunner } from '../../source/runner/local-runner.js';
import { EventBus } from '../../source/state/event-bus.js';
import type { EventOf, RunEvent } from '../../source/state/events.js';

const iris = loadIris();
const data = {
  kind: 'shared',
  table: shareTable(
    iris,
    splitRows(iris, { kind: 'holdout', testFraction: 0.2 }, 1),
  ),
} as const;
const silent = { info() {}, warn() {}, error() {} };
const faultyTask = path.resolve('test/fixtures/faulty-task.js');

function trial(id: string, index: number, trees = 30): TrialSpec {
  return {
    id,
    index,
    params: { trees, maxFeatures: 2, maxDepth: 3, seed: index + 1 },
    chunkSize: 10,
  };
}

type Setup = {
  trials: TrialSpec[];
  poolSize?: number;
  maxPoolSize?: number;
  retries?: number;
  taskFile?: string;
  halving?: HalvingOptions;
};

let runner: LocalRunner | null = null;

function startRunner(setup: Setup) {
  const bus = new EventBus();
  const events: RunEvent[] = [];
  bus.subscribe((event) => events.push(event));
  runner = new LocalRunner({
    bus,
    runId: 'test-run',
    job: 'iris random forest',
    data,
    poolSize: setup.poolSize ?? 2,
    maxPoolSize: setup.maxPoolSize ?? 4,
    retries: setup.retries ?? 1,
    logger: silent,
    trials: setup.trials,
    taskFile: setup.taskFile,
    workerHeapMb: 64,
    ...(setup.halving ? { halving: setup.halving } : {}),
  });

  return { runner, events, outcome: runner.run() };
}

function ofKind<K extends RunEvent['kind']>(
  events: readonly RunEvent[],
  kind: K,
): EventOf<K>[] {
  return events.filter((event): event is EventOf<K> => event.kind === kind);
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`Condition not met within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(async () => {
  await runner?.stop();
  runner = null;
});

describe('LocalRunner', () => {
  it('finishes every trial of a small sweep', async () => {
    const trials = Array.from({ length: 6 }, (_, i) => trial(`t${i}`, i));
    const { events, outcome } = startRunner({ trials });

    expect(await outcome).toBe('completed');
    const finished = ofKind(events, 'trial-finished');
    expect(finished.map((event) => event.trialId).sort()).toEqual(
      trials.map((spec) => spec.id).sort(),
    );
    for (const event of finished) {
      expect(event.testScore).toBeGreaterThan(0.9);
      expect(event.trees).toBe(30);
    }
    expect(events.at(-1)).toMatchObject({ kind: 'run-finished' });
  });

  it('reports progress after every chunk', async () => {
    const { events, outcome } = startRunner({ trials: [trial('t0', 0)] });
    await outcome;

    const trees = ofKind(events, 'trial-progress').map((e) => e.treesDone);
    expect(trees).toEqual([10, 20, 30]);
    const kinds = events.map((event) => event.kind);
    expect(kinds.indexOf('trial-started')).toBeLessThan(
      kinds.indexOf('trial-progress'),
    );
  });

  it('stops progress while paused', async () => {
    const trials = [trial('t0', 0, 100_000), trial('t1', 1, 100_000)];
    const { runner, events } = startRunner({ trials });
    await waitFor(() => ofKind(events, 'trial-progress').length >= 2);

    runner.pause();
    await sleep(300);
    const countAtPause = ofKind(events, 'trial-progress').length;
    await sleep(700);
    expect(ofKind(events, 'trial-progress')).toHaveLength(countAtPause);

    runner.resume();
    await waitFor(
      () => ofKind(events, 'trial-progress').length > countAtPause + 2,
    );
  });

  it('follows a resize with the live thread count', async () => {
    const trials = Array.from({ length: 4 }, (_, i) => trial(`t${i}`, i, 1e5));
    const { runner, events } = startRunner({ trials, poolSize: 1 });
    await waitFor(() => ofKind(events, 'trial-progress').length > 0);
    expect(runner.threadCount).toBe(1);

    runner.resize(3);
    await waitFor(() => runner.threadCount === 3, 1_000);

    runner.resize(1);
    await waitFor(() => runner.threadCount === 1, 1_500);
    expect(ofKind(events, 'trial-preempted')).toHaveLength(2);
    expect(ofKind(events, 'pool-resized').map((e) => e.poolSize)).toEqual([
      3, 1,
    ]);
  });

  it('numbers workers from 1 again after a shrink', async () => {
    const trials = Array.from({ length: 4 }, (_, i) => trial(`t${i}`, i, 1e5));
    const { runner, events } = startRunner({ trials, poolSize: 3 });
    await waitFor(() => runner.threadCount === 3);

    runner.resize(1);
    await waitFor(() => runner.threadCount === 1, 1_500);
    runner.resize(3);
    await waitFor(() => runner.threadCount === 3, 1_000);

    const numbers = ofKind(events, 'worker-started').map((e) => e.workerId);
    expect(Math.max(...numbers)).toBe(3);
  });

  it('continues preempted trials without losing trees', async () => {
    const trials = Array.from({ length: 3 }, (_, i) => trial(`t${i}`, i, 400));
    const { runner, events, outcome } = startRunner({ trials, poolSize: 3 });
    await waitFor(() => ofKind(events, 'trial-progress').length >= 6);

    runner.resize(1);
    expect(await outcome).toBe('completed');

    const preempted = ofKind(events, 'trial-preempted');
    expect(preempted.length).toBeGreaterThan(0);
    for (const { trialId, treesDone } of preempted) {
      const restart = ofKind(events, 'trial-started').find(
        (e) => e.trialId === trialId && e.treesDone === treesDone,
      );
      expect(restart).toBeDefined();
    }
    expect(ofKind(events, 'trial-finished')).toHaveLength(3);
    expect(ofKind(events, 'trial-failed')).toEqual([]);
  });

  it('retries trials whose thread died and keeps going', async () => {
    const trials = [
      trial('t-throws', 0),
      trial('t-exits', 1),
      trial('t-oom', 2),
      trial('t-fine', 3),
    ];
    const { events, outcome } = startRunner({ trials, taskFile: faultyTask });

    expect(await outcome).toBe('completed');
    const finished = ofKind(events, 'trial-finished').map((e) => e.trialId);
    expect(finished.sort()).toEqual(['t-exits', 't-fine', 't-oom']);

    const failed = ofKind(events, 'trial-failed');
    const final = failed.filter((event) => !event.willRetry);
    expect(final.map((event) => event.trialId)).toEqual(['t-throws']);
    expect(final[0]!.error).toContain('bad split in trial');
    expect(ofKind(events, 'worker-failed')).toHaveLength(2);
  });

  it('leaves a trial cut short by a stop unfinished, not failed', async () => {
    const { runner, events } = startRunner({
      trials: [trial('t-stuck', 0)],
      taskFile: faultyTask,
    });
    await waitFor(() => ofKind(events, 'trial-started').length > 0);

    await runner.stop();

    expect(ofKind(events, 'trial-failed')).toEqual([]);
    expect(ofKind(events, 'worker-failed')).toEqual([]);
    expect(events.at(-1)).toMatchObject({
      kind: 'run-finished',
      reason: 'stopped',
    });
  });

  it('ends with every trial finished or failed when retries run out', async () => {
    const trials = [trial('t-exits', 0), trial('t-throws', 1)];
    const { events, outcome } = startRunner({
      trials,
      retries: 0,
      taskFile: faultyTask,
    });
    await outcome;

    const failed = ofKind(events, 'trial-failed');
    expect(failed.map((event) => event.trialId).sort()).toEqual([
      't-exits',
      't-throws',
    ]);
    expect(failed.every((event) => !event.willRetry)).toBe(true);
  });
});

describe('LocalRunner with successive halving', () => {
  // Nine trials of 270 trees give rungs of 30, 90 and 270 trees.
  const trials = Array.from({ length: 9 }, (_, index) => ({
    id: `t${index + 1}`,
    index,
    params: {
      trees: 270,
      maxFeatures: 1 + (index % 3),
      maxDepth: index < 3 ? 1 : 3,
      seed: index + 1,
    },
    chunkSize: 10,
  }));

  it('prunes the worse two thirds at each rung', async () => {
    const { events, outcome } = startRunner({
      trials,
      halving: DEFAULT_HALVING,
    });

    expect(await outcome).toBe('completed');
    const pruned = ofKind(events, 'trial-pruned');
    const finished = ofKind(events, 'trial-finished');
    expect(pruned.filter((event) => event.rung === 0)).toHaveLength(6);
    expect(pruned.filter((event) => event.rung === 1)).toHaveLength(2);
    expect(finished).toHaveLength(1);
    expect(finished[0]!.trees).toBe(270);

    // The pruned trials of a rung are the worst there, by their score at
    // the rung's last chunk.
    for (const [rung, trees] of [
      [0, 30],
      [1, 90],
    ] as const) {
      const scoreAt = (trialId: string) =>
        ofKind(events, 'trial-progress').find(
          (event) => event.trialId === trialId && event.treesDone === trees,
        )!.testScore;
      const reached = new Set(
        ofKind(events, 'trial-progress')
          .filter((event) => event.treesDone === trees)
          .map((event) => event.trialId),
      );
      const prunedHere = pruned.filter((event) => event.rung === rung);
      const kept = [...reached].filter(
        (id) => !prunedHere.some((event) => event.trialId === id),
      );
      for (const event of prunedHere) {
        expect(event.treesDone).toBe(trees);
        expect(event.testScore).toBe(scoreAt(event.trialId));
        for (const id of kept) {
          expect(scoreAt(id)).toBeGreaterThanOrEqual(event.testScore!);
        }
      }
    }

    const treesGrown =
      pruned.reduce((total, event) => total + event.treesDone, 0) +
      finished[0]!.trees;
    expect(treesGrown).toBe(6 * 30 + 2 * 90 + 270);
  }, 60_000);
});
