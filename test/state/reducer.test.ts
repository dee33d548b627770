import { describe, expect, it } from 'vitest';

import { CURVE_POINTS } from '../../source/state/constants.js';
import type { RunEvent } from '../../source/state/events.js';
import {
  HOST_LOST_ERROR,
  reduceRunEvent,
  reduceRunEvents,
} from '../../source/state/reducer.js';
import { createRunState } from '../../source/state/run-state.js';
import {
  countTrials,
  selectBestTrial,
  selectElapsedMs,
  selectEtaMs,
  selectWorkers,
} from '../../source/state/selectors.js';

const spec = (index: number, trees = 40) => ({
  id: `t${index + 1}`,
  index,
  params: { trees, maxFeatures: 2, maxDepth: 3, seed: 1 },
  chunkSize: 10,
});

const started: RunEvent = {
  kind: 'run-started',
  at: 1_000,
  runId: 'run-1',
  job: 'iris random forest',
  trials: [spec(0), spec(1), spec(2)],
  poolSize: 2,
  maxPoolSize: 8,
};

const progress = (at: number, trialId: string, treesDone: number) =>
  ({
    kind: 'trial-progress',
    at,
    trialId,
    workerId: trialId === 't1' ? 1 : 2,
    treesDone,
    elapsedMs: at - 1_000,
    trainScore: 0.9,
    testScore: treesDone / 40,
    oobScore: null,
  }) as const;

function fold(events: readonly RunEvent[]) {
  return reduceRunEvents(createRunState(), [started, ...events]);
}

describe('reduceRunEvents', () => {
  it('queues every planned trial', () => {
    const state = fold([]);

    expect(state.trialIds).toEqual(['t1', 't2', 't3']);
    expect(countTrials(state)).toEqual({
      total: 3,
      finished: 0,
      running: 0,
      queued: 3,
      failed: 0,
      pruned: 0,
    });
  });

  it('tracks a trial from start to finish', () => {
    const state = fold([
      { kind: 'worker-started', at: 1_001, workerId: 1 },
      {
        kind: 'trial-started',
        at: 1_002,
        trialId: 't1',
        workerId: 1,
        attempt: 1,
        treesDone: 0,
      },
      progress(1_100, 't1', 10),
      progress(1_200, 't1', 20),
    ]);

    expect(state.trials['t1']).toMatchObject({
      status: 'running',
      treesDone: 20,
    });
    const curve = state.trials['t1']!.testCurve;
    expect(curve.slice(0, 12)).toEqual(new Array(12).fill(0.25));
    expect(curve.slice(12, 24)).toEqual(new Array(12).fill(0.5));
    expect(curve.slice(24)).toEqual(new Array(24).fill(null));
    expect(selectWorkers(state)).toMatchObject([
      { id: 1, status: 'running', trialId: 't1' },
    ]);
  });

  it('frees the worker and ranks the trial when it finishes', () => {
    const state = fold([
      {
        kind: 'trial-started',
        at: 1_002,
        trialId: 't2',
        workerId: 2,
        attempt: 1,
        treesDone: 0,
      },
      {
        kind: 'trial-finished',
        at: 1_500,
        trialId: 't2',
        workerId: 2,
        trees: 40,
        elapsedMs: 498,
        trainScore: 1,
        testScore: 0.97,
        oobScore: 0.95,
        foldTestScores: [0.97],
      },
    ]);

    expect(state.workers[2]).toMatchObject({ status: 'idle', trialId: null });
    expect(selectBestTrial(state)?.spec.id).toBe('t2');
    expect(countTrials(state).finished).toBe(1);
  });

  it('requeues a failed trial that will be retried', () => {
    const state = fold([
      {
        kind: 'trial-failed',
        at: 1_100,
        trialId: 't1',
        workerId: 1,
        attempt: 1,
        error: 'boom',
        willRetry: true,
      },
    ]);

    expect(state.trials['t1']).toMatchObject({
      status: 'queued',
      error: 'boom',
    });
  });

  it('marks a crashed worker as failed, then drops its row', () => {
    const crash: RunEvent = {
      kind: 'worker-failed',
      at: 2_000,
      workerId: 1,
      error: 'worker exited with code: 3',
    };
    const soonAfter = fold([crash, { kind: 'run-paused', at: 2_001 }]);
    const later = fold([crash, { kind: 'run-paused', at: 60_000 }]);

    expect(soonAfter.workers[1]).toMatchObject({ status: 'failed' });
    expect(later.workers[1]).toBeUndefined();
  });

  it('keeps a curve of fixed length however many chunks', () => {
    const events = Array.from({ length: CURVE_POINTS * 3 }, (_, i) =>
      progress(1_100 + i, 't1', 1 + (i % 40)),
    );
    const state = fold(events);

    expect(state.trials['t1']!.testCurve).toHaveLength(CURVE_POINTS);
  });

  it('starts the curve again on a fresh attempt', () => {
    const state = fold([
      progress(1_100, 't1', 20),
      {
        kind: 'trial-started',
        at: 1_200,
        trialId: 't1',
        workerId: 1,
        attempt: 2,
        treesDone: 0,
      },
    ]);

    expect(state.trials['t1']!.testCurve.every((v) => v === null)).toBe(true);
  });

  it('bases the eta on the recent rate', () => {
    // 10 trees a second for 20 s, then 5 a second, as after a shrink.
    const events = Array.from({ length: 60 }, (_, i) => {
      const second = i + 1;
      const trees = second <= 20 ? 10 * second : 200 + 5 * (second - 20);

      return progress(1_000 + second * 1_000, 't1', trees);
    });
    const started = {
      kind: 'run-started',
      at: 1_000,
      runId: 'run-1',
      job: 'iris random forest',
      trials: [spec(0, 1_000), spec(1, 1_000), spec(2, 1_000)],
      poolSize: 2,
      maxPoolSize: 8,
    } as const;
    const state = reduceRunEvents(createRunState(), [started, ...events]);

    // 2,600 trees left at 5 trees a second.
    expect(selectEtaMs(state)).toBeCloseTo(520_000, -3);
  });

  it('freezes the eta while paused', () => {
    const running = [
      progress(2_000, 't1', 20),
      { kind: 'run-paused', at: 2_000 } as const,
    ];
    const atPause = selectEtaMs(fold(running));
    const later = selectEtaMs(
      fold([...running, { kind: 'run-paused', at: 9_000 }]),
    );

    expect(atPause).not.toBeNull();
    expect(later).toBe(atPause);
  });

  it('stops counting paused time after resuming', () => {
    const state = fold([
      { kind: 'run-paused', at: 2_000 },
      { kind: 'run-resumed', at: 5_000 },
    ]);

    expect(state.isPaused).toBe(false);
    expect(state.pausedMs).toBe(3_000);
  });

  it('leaves the time a run lay stopped out of its elapsed time', () => {
    const state = fold([
      progress(2_000, 't1', 10),
      { kind: 'run-finished', at: 3_000, reason: 'stopped' },
      { kind: 'run-continued', at: 63_000, poolSize: 2, maxPoolSize: 8 },
      progress(64_000, 't1', 10),
    ]);

    expect(state.finishReason).toBeNull();
    expect(state.stoppedMs).toBe(60_000);
    expect(state.pausedMs).toBe(0);
    expect(selectElapsedMs(state)).toBe(64_000 - state.startedAt - 60_000);
    expect(state.progressSamples).toEqual([
      { activeMs: selectElapsedMs(state), trees: expect.any(Number) },
    ]);
  });

  it('records the pool size and the end of the run', () => {
    const state = fold([
      { kind: 'pool-resized', at: 1_100, poolSize: 5 },
      { kind: 'run-finished', at: 3_000, reason: 'stopped' },
    ]);

    expect(state.poolSize).toBe(5);
    expect(state.finishReason).toBe('stopped');
    expect(selectEtaMs(state)).toBeNull();
  });
});

describe('reduceRunEvents in a queued run', () => {
  const heartbeat = (at: number, hostId = 'gpu-box-4312') =>
    ({
      kind: 'host-sampled',
      at,
      hostId,
      host: 'gpu-box',
      threads: 2,
      busyThreads: 1,
      cpuPercent: 55,
      memUsedBytes: 4_000,
      memTotalBytes: 16_000,
    }) as const;

  const startOn = (workerId: number, trialId: string, at = 1_002) =>
    [
      {
        kind: 'worker-started',
        at: at - 1,
        workerId,
        hostId: 'gpu-box-4312',
      },
      {
        kind: 'trial-started',
        at,
        trialId,
        workerId,
        attempt: 1,
        treesDone: 0,
      },
    ] as const;

  const lost = {
    kind: 'host-lost',
    at: 2_000,
    hostId: 'gpu-box-4312',
  } as const;

  it('records a host from its heartbeat', () => {
    const state = fold([heartbeat(1_100)]);

    expect(state.hosts['gpu-box-4312']).toEqual({
      id: 'gpu-box-4312',
      host: 'gpu-box',
      threads: 2,
      busyThreads: 1,
      cpuPercent: 55,
      memUsedBytes: 4_000,
      memTotalBytes: 16_000,
      sampledAt: 1_100,
      isLost: false,
    });
  });

  it('keeps hosts heard from before the run started', () => {
    const state = reduceRunEvents(createRunState(), [heartbeat(900), started]);

    expect(Object.keys(state.hosts)).toEqual(['gpu-box-4312']);
  });

  it('tags a thread with its host', () => {
    const state = fold([...startOn(1, 't1')]);

    expect(state.workers[1]?.hostId).toBe('gpu-box-4312');
  });

  it('leaves threads of a local run without a host', () => {
    const state = fold([{ kind: 'worker-started', at: 1_001, workerId: 1 }]);

    expect(state.workers[1]?.hostId).toBeNull();
    expect(state.hosts).toEqual({});
  });

  it('marks a lost host and fails its threads', () => {
    const state = fold([heartbeat(1_100), ...startOn(1, 't1'), lost]);

    expect(state.hosts['gpu-box-4312']?.isLost).toBe(true);
    expect(state.workers[1]).toMatchObject({
      status: 'failed',
      error: HOST_LOST_ERROR,
      failedAt: 2_000,
    });
  });

  it('requeues the running trials of a lost host', () => {
    const state = fold([
      heartbeat(1_100),
      ...startOn(1, 't1'),
      ...startOn(2, 't2'),
      progress(1_500, 't1', 20),
      lost,
    ]);

    expect(state.trials['t1']).toMatchObject({
      status: 'queued',
      workerId: null,
      treesDone: 20,
    });
    expect(state.trials['t2']).toMatchObject({ status: 'queued' });
    expect(countTrials(state).running).toBe(0);
  });

  it('leaves threads of other hosts running', () => {
    const state = fold([
      heartbeat(1_100),
      heartbeat(1_100, 'node-a-77'),
      ...startOn(1, 't1'),
      { kind: 'worker-started', at: 1_003, workerId: 2, hostId: 'node-a-77' },
      {
        kind: 'trial-started',
        at: 1_004,
        trialId: 't2',
        workerId: 2,
        attempt: 1,
        treesDone: 0,
      },
      lost,
    ]);

    expect(state.workers[2]).toMatchObject({ status: 'running' });
    expect(state.trials['t2']).toMatchObject({ status: 'running' });
    expect(state.hosts['node-a-77']?.isLost).toBe(false);
  });

  it('fails the threads of a host never heard from', () => {
    const state = fold([...startOn(1, 't1'), lost]);

    expect(state.hosts).toEqual({});
    expect(state.workers[1]).toMatchObject({ status: 'failed' });
    expect(state.trials['t1']).toMatchObject({ status: 'queued' });
  });

  it('drops the rows of a lost host later', () => {
    const state = fold([
      heartbeat(1_100),
      ...startOn(1, 't1'),
      lost,
      { kind: 'run-paused', at: 60_000 },
    ]);

    expect(state.workers[1]).toBeUndefined();
    expect(state.hosts['gpu-box-4312']?.isLost).toBe(true);
  });

  it('clears the lost mark on a new heartbeat', () => {
    const state = fold([heartbeat(1_100), lost, heartbeat(3_000)]);

    expect(state.hosts['gpu-box-4312']).toMatchObject({
      isLost: false,
      sampledAt: 3_000,
    });
  });

  it('forgets hosts when a stopped run continues', () => {
    const state = fold([
      heartbeat(1_100),
      { kind: 'run-finished', at: 3_000, reason: 'stopped' },
      { kind: 'run-continued', at: 9_000, poolSize: 2, maxPoolSize: 8 },
    ]);

    expect(state.hosts).toEqual({});
  });
});

describe('reduceRunEvent for the queue of a queued run', () => {
  const queue = { redis: 'redis://db-host:6379/0', prefix: 'traintop' };
  const started: RunEvent = {
    kind: 'run-started',
    at: 1_000,
    runId: 'r1',
    job: 'iris',
    trials: [],
    poolSize: 0,
    maxPoolSize: 0,
    queue,
  };

  it('records the queue, reachable, and follows its connection', () => {
    const running = reduceRunEvents(createRunState(), [started]);
    const cutOff = reduceRunEvent(running, {
      kind: 'queue-unreachable',
      at: 2_000,
      error: 'connect ECONNREFUSED',
    });
    const back = reduceRunEvent(cutOff, { kind: 'queue-reachable', at: 3_000 });

    expect(running.queue).toEqual({ ...queue, isReachable: true, error: null });
    expect(cutOff.queue).toEqual({
      ...queue,
      isReachable: false,
      error: 'connect ECONNREFUSED',
    });
    expect(back.queue).toEqual(running.queue);
  });

  it('drops the queue when the run is resumed on local threads', () => {
    const resumed = reduceRunEvents(createRunState(), [
      started,
      { kind: 'run-finished', at: 2_000, reason: 'stopped' },
      { kind: 'run-continued', at: 3_000, poolSize: 2, maxPoolSize: 8 },
    ]);

    expect(resumed.queue).toBeNull();
  });
});

describe('reduceRunEvents best test score', () => {
  const scored = (at: number, treesDone: number, testScore: number) =>
    ({ ...progress(at, 't1', treesDone), testScore }) as const;

  const startedAt = (at: number, treesDone: number, attempt = 1) =>
    ({
      kind: 'trial-started',
      at,
      trialId: 't1',
      workerId: 1,
      attempt,
      treesDone,
    }) as const;

  const grown = [
    startedAt(1_002, 0),
    scored(1_100, 10, 0.9),
    scored(1_200, 20, 0.95),
    scored(1_300, 30, 0.9505),
  ];

  it('records the trees of the best score', () => {
    const trial = fold(grown).trials['t1'];

    expect(trial?.bestTestScore).toBe(0.95);
    expect(trial?.bestTestTrees).toBe(20);
  });

  it('keeps the best score from a checkpoint', () => {
    const trial = fold([
      ...grown,
      startedAt(2_000, 10, 2),
      scored(2_100, 20, 0.95),
      scored(2_200, 30, 0.95),
    ]).trials['t1'];

    expect(trial?.treesDone).toBe(30);
    expect(trial?.bestTestScore).toBe(0.95);
    expect(trial?.bestTestTrees).toBe(20);
  });

  it('forgets the best score on a fresh attempt', () => {
    const trial = fold([...grown, startedAt(2_000, 0, 2)]).trials['t1'];

    expect(trial?.bestTestScore).toBeNull();
    expect(trial?.bestTestTrees).toBeNull();
  });
});
