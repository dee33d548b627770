import { performance } from 'node:perf_hooks';

import { afterEach, describe, expect, it } from 'vitest';

import { loadIris } from '../../source/data/iris.js';
import { shareTable } from '../../source/data/shared-table.js';
import { splitRows } from '../../source/data/split.js';
import type { TrialSpec } from '../../source/plan/trial-spec.js';
import { LocalRunner } from '../../source/runner/local-runner.js';
import { EventBus } from '../../source/state/event-bus.js';
import type { EventOf, RunEvent } from '../../source/state/events.js';

// Real worker threads running the built training task from dist/, as in
// the other runner tests.
const iris = loadIris();
const data = {
  kind: 'shared',
  table: shareTable(iris, splitRows(iris, { kind: 'cv', folds: 3 }, 5)),
} as const;
const silent = { info() {}, warn() {}, error() {} };

function trial(id: string, seed: number, trees = 30): TrialSpec {
  return {
    id,
    index: seed,
    params: { trees, maxFeatures: 2, maxDepth: 3, seed },
    chunkSize: 10,
  };
}

let runner: LocalRunner | null = null;

function startRunner(trials: TrialSpec[], paceMs: number) {
  const bus = new EventBus();
  const events: RunEvent[] = [];
  bus.subscribe((event) => events.push(event));
  runner = new LocalRunner({
    bus,
    runId: 'pace-test',
    job: 'iris random forest',
    data,
    poolSize: 2,
    maxPoolSize: 2,
    retries: 0,
    logger: silent,
    trials,
    workerHeapMb: 64,
    paceMs,
  });

  return { events, outcome: runner.run() };
}

function ofKind<K extends RunEvent['kind']>(
  events: readonly RunEvent[],
  kind: K,
): EventOf<K>[] {
  return events.filter((event): event is EventOf<K> => event.kind === kind);
}

/** Returns every score of the run by trial, without times or workers. */
function scoresOf(events: readonly RunEvent[]) {
  const progress = ofKind(events, 'trial-progress').map((event) => [
    event.trialId,
    event.treesDone,
    event.trainScore,
    event.testScore,
    event.oobScore,
  ]);
  const finished = ofKind(events, 'trial-finished').map((event) => [
    event.trialId,
    event.trainScore,
    event.testScore,
    event.oobScore,
    event.foldTestScores,
    event.metrics,
  ]);
  const byTrial = (a: unknown[], b: unknown[]) =>
    String(a[0]).localeCompare(String(b[0])) || Number(a[1]) - Number(b[1]);

  return { progress: progress.sort(byTrial), finished: finished.sort(byTrial) };
}

afterEach(async () => {
  await runner?.stop();
  runner = null;
});

describe('LocalRunner with a pace', () => {
  it('leaves every score unchanged', async () => {
    const trials = [trial('t1', 1), trial('t2', 2), trial('t3', 3)];
    const unpaced = startRunner(trials, 0);
    expect(await unpaced.outcome).toBe('completed');
    const paced = startRunner(trials, 40);
    expect(await paced.outcome).toBe('completed');

    const expected = scoresOf(unpaced.events);
    expect(expected.finished).toHaveLength(3);
    expect(expected.progress).toHaveLength(9);
    expect(scoresOf(paced.events)).toEqual(expected);
  });

  it('pauses between chunks, outside the training time', async () => {
    const startMs = performance.now();
    const { events, outcome } = startRunner([trial('t1', 1)], 300);
    expect(await outcome).toBe('completed');
    const wallMs = performance.now() - startMs;

    // Three chunks of 10 trees: two pauses, none after the last chunk.
    expect(wallMs).toBeGreaterThanOrEqual(600);
    const [finished] = ofKind(events, 'trial-finished');
    expect(finished!.elapsedMs).toBeLessThan(600);
  });

  it('stops a paced trial without waiting out the pace', async () => {
    const { events, outcome } = startRunner([trial('t1', 1, 1_000)], 10_000);
    while (ofKind(events, 'trial-progress').length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    const startMs = performance.now();
    await runner!.stop();
    expect(await outcome).toBe('stopped');
    expect(performance.now() - startMs).toBeLessThan(2_000);
  });
});
