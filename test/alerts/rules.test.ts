import { describe, expect, it } from 'vitest';

import { DEFAULT_ALERT_SETTINGS } from '../../source/alerts/alert-settings.js';
import { evaluateAlerts } from '../../source/alerts/rules.js';
import type { EventOf, RunEvent } from '../../source/state/events.js';
import {
  createSpec,
  runStarted,
  START_AT,
  trialFailed,
  trialFinished,
  trialStarted,
} from '../cli/run-events.js';
import {
  GIB,
  runPaused,
  runResumed,
  stateAfter,
  systemSampled,
  trialContinued,
  trialPreempted,
  trialProgress,
} from './alert-events.js';

const TICK_MS = 250;
const spec = createSpec(0, { trees: 200 });
const settings = DEFAULT_ALERT_SETTINGS;

function alertsAfter(events: readonly RunEvent[], overrides = {}) {
  return evaluateAlerts(
    stateAfter(events),
    { ...settings, ...overrides },
    TICK_MS,
  );
}

function idsAfter(events: readonly RunEvent[], overrides = {}) {
  return alertsAfter(events, overrides).map((alert) => alert.alertId);
}

const started = [runStarted([spec]), trialStarted(spec, 3, 0)];

describe('stalled rule', () => {
  it('fires after 20 ticks without progress', () => {
    const alerts = alertsAfter([...started, systemSampled(5_000)]);

    expect(alerts).toEqual([
      {
        alertId: 'stalled:w3',
        rule: 'stalled',
        message: 'no progress for 5.0s on t01',
        trialId: 't01',
        workerId: 3,
      },
    ]);
  });

  it('stays quiet one tick short', () => {
    expect(idsAfter([...started, systemSampled(4_750)])).toEqual([]);
  });

  it('measures from the latest chunk', () => {
    const events = [
      ...started,
      trialProgress(spec, 3, 3_000, 10, { train: 0.9, test: 0.9 }),
      systemSampled(7_000),
    ];

    expect(idsAfter(events)).toEqual([]);
  });

  it('stays quiet while the run is paused', () => {
    const events = [...started, runPaused(1_000), systemSampled(9_000)];

    expect(idsAfter(events)).toEqual([]);
  });

  it('leaves paused time out', () => {
    const events = [
      ...started,
      runPaused(1_000),
      runResumed(9_000),
      systemSampled(10_000),
    ];

    expect(idsAfter(events)).toEqual([]);
    expect(idsAfter([...events, systemSampled(13_000)])).toEqual([
      'stalled:w3',
    ]);
  });

  it('ignores an idle worker', () => {
    const events = [
      ...started,
      trialFinished(spec, 3, 1_000, { train: 0.95, test: 0.9, oob: null }),
      systemSampled(9_000),
    ];

    expect(idsAfter(events)).toEqual([]);
  });

  it('is off at 0 ticks', () => {
    const events = [...started, systemSampled(60_000)];

    expect(idsAfter(events, { stallTicks: 0 })).toEqual([]);
  });
});

describe('memory rule', () => {
  it('fires above the limit', () => {
    const alerts = alertsAfter([runStarted([spec]), systemSampled(250, 15)]);

    expect(alerts.map((alert) => alert.alertId)).toEqual(['memory:machine']);
    expect(alerts[0]?.message).toBe(
      'memory 93.8% used on this machine, above 90%',
    );
  });

  it('stays quiet at the limit', () => {
    const events = [runStarted([spec]), systemSampled(250, 14.4)];

    expect(idsAfter(events)).toEqual([]);
  });

  it('checks each live worker process', () => {
    const heartbeat = (hostId: string, usedGib: number) =>
      ({
        kind: 'host-sampled',
        at: START_AT + 500,
        hostId,
        host: 'gpu-box',
        threads: 4,
        busyThreads: 4,
        cpuPercent: 80,
        memUsedBytes: usedGib * GIB,
        memTotalBytes: 16 * GIB,
      }) satisfies EventOf<'host-sampled'>;
    const events = [
      runStarted([spec]),
      heartbeat('gpu-a-1', 16),
      heartbeat('gpu-b-2', 2),
      heartbeat('gpu-c-3', 15.5),
      { kind: 'host-lost', at: START_AT + 600, hostId: 'gpu-c-3' } as const,
    ];

    expect(idsAfter(events)).toEqual(['memory:gpu-a-1']);
  });
});

describe('trial-failed rule', () => {
  it('fires for a trial with no retries left', () => {
    const events = [
      runStarted([spec]),
      trialStarted(spec, 3, 0, 2),
      trialFailed(spec, 1_000, 'out of memory', { attempt: 2 }),
    ];

    expect(alertsAfter(events)).toEqual([
      {
        alertId: 'trial-failed:t01',
        rule: 'trial-failed',
        message: 't01 failed after 2 attempts: out of memory',
        trialId: 't01',
      },
    ]);
  });

  it('stays quiet while the trial will retry', () => {
    const events = [
      ...started,
      trialFailed(spec, 1_000, 'worker crashed', { willRetry: true }),
    ];

    expect(idsAfter(events)).toEqual([]);
  });
});

describe('overfitting rule', () => {
  it('fires for a finished trial past the gap', () => {
    const events = [
      ...started,
      trialFinished(spec, 3, 2_000, { train: 1, test: 0.8, oob: null }),
    ];

    expect(alertsAfter(events)[0]?.message).toBe(
      't01 train acc 1.000, test acc 0.800 at 200 of 200 trees: gap 0.200 ' +
        'above 0.15',
    );
  });

  it('stays quiet within the gap', () => {
    const events = [
      ...started,
      trialFinished(spec, 3, 2_000, { train: 1, test: 0.9, oob: null }),
    ];

    expect(idsAfter(events)).toEqual([]);
  });

  it('waits for half the trees of a running trial', () => {
    const early = [
      ...started,
      trialProgress(spec, 3, 1_000, 90, { train: 1, test: 0.7 }),
    ];
    const half = [
      ...early,
      trialProgress(spec, 3, 2_000, 100, { train: 1, test: 0.7 }),
    ];

    expect(idsAfter(early)).toEqual([]);
    expect(idsAfter(half)).toEqual(['overfitting:t01']);
  });

  it('compares the gap as the message shows it', () => {
    // In floating point 0.75 - 0.6 is 0.15000000000000002, shown as 0.150.
    const events = [
      ...started,
      trialFinished(spec, 3, 2_000, { train: 0.75, test: 0.6, oob: null }),
    ];

    expect(0.75 - 0.6).toBeGreaterThan(0.15);
    expect(idsAfter(events)).toEqual([]);
  });

  it('shows as many decimals as the threshold', () => {
    const finished = (test: number) => [
      ...started,
      trialFinished(spec, 3, 2_000, { train: 0.9, test, oob: null }),
    ];
    const gap = { overfitGap: 0.1234 };

    expect(alertsAfter(finished(0.7764), gap)[0]?.message).toBe(
      't01 train acc 0.900, test acc 0.776 at 200 of 200 trees: gap 0.1236 ' +
        'above 0.1234',
    );
    expect(idsAfter(finished(0.7766), gap)).toEqual([]);
  });

  it('keeps a raised alert after the gap narrows', () => {
    const raised: EventOf<'alert-raised'> = {
      kind: 'alert-raised',
      at: START_AT + 1_000,
      alertId: 'overfitting:t01',
      rule: 'overfitting',
      message: 'gap 0.300 above 0.15',
      trialId: 't01',
    };
    const events = [
      ...started,
      trialProgress(spec, 3, 1_000, 100, { train: 1, test: 0.7 }),
      raised,
      trialFinished(spec, 3, 2_000, { train: 1, test: 0.95, oob: null }),
    ];

    expect(alertsAfter(events)).toEqual([
      {
        alertId: 'overfitting:t01',
        rule: 'overfitting',
        message: 'gap 0.300 above 0.15',
        trialId: 't01',
      },
    ]);
  });
});

describe('plateau rule', () => {
  const tenChunks = { plateauChunks: 10 };

  /** Progress events of `chunks` chunks of 10 trees, scores in order. */
  function chunks(scores: readonly number[]) {
    return scores.map((test, index) =>
      trialProgress(spec, 3, (index + 1) * 100, (index + 1) * 10, {
        train: test,
        test,
      }),
    );
  }

  it('fires after 10 chunks without a better score', () => {
    const events = [...started, ...chunks(new Array(11).fill(0.9))];

    expect(alertsAfter(events, tenChunks)[0]?.message).toBe(
      't01 test acc no better than 0.900 for 10 chunks, at 110 of 200 trees',
    );
  });

  it('stays quiet one chunk short', () => {
    const events = [...started, ...chunks(new Array(10).fill(0.9))];

    expect(idsAfter(events, tenChunks)).toEqual([]);
  });

  it('counts from the latest real rise', () => {
    const scores = [
      ...new Array(8).fill(0.9),
      0.95,
      ...new Array(9).fill(0.95),
    ];

    expect(idsAfter([...started, ...chunks(scores)], tenChunks)).toEqual([]);
  });

  it('ignores rises below the epsilon', () => {
    const scores = Array.from({ length: 11 }, (_, index) => 0.9 + index / 1e5);

    expect(idsAfter([...started, ...chunks(scores)], tenChunks)).toEqual([
      'plateau:t01',
    ]);
  });

  it('stays quiet once every tree is grown', () => {
    const short = createSpec(0, { trees: 110 });
    const events = [
      runStarted([short]),
      trialStarted(short, 3, 0),
      ...new Array(11).fill(0).map((_, index) =>
        trialProgress(short, 3, (index + 1) * 100, (index + 1) * 10, {
          train: 0.9,
          test: 0.9,
        }),
      ),
    ];

    expect(idsAfter(events, tenChunks)).toEqual([]);
  });

  /** Progress of chunks of 10 trees after `fromTrees` up to `toTrees`. */
  function grow(
    workerId: number,
    fromTrees: number,
    toTrees: number,
    test: number,
  ) {
    const events: EventOf<'trial-progress'>[] = [];
    for (let trees = fromTrees + 10; trees <= toTrees; trees += 10) {
      events.push(
        trialProgress(spec, workerId, 10_000 + trees, trees, {
          train: test,
          test,
        }),
      );
    }

    return events;
  }

  it('counts chunks grown again from a checkpoint once', () => {
    // The best score comes at 20 trees. At 150 trees the worker is lost,
    // and the trial continues on another worker from 50 trees.
    const beforeLoss = [
      ...started,
      ...grow(3, 0, 10, 0.9),
      ...grow(3, 10, 150, 0.967),
      trialContinued(spec, 5, 5_000, 50, 2),
    ];
    const regrown = grow(5, 50, 170, 0.967);

    for (const [index, event] of regrown.entries()) {
      const events = [...beforeLoss, ...regrown.slice(0, index + 1)];
      const message = alertsAfter(events, tenChunks)[0]?.message;
      const chunksSinceBest = (event.treesDone - 20) / 10;

      expect(message).toBe(
        chunksSinceBest < 10
          ? undefined
          : `t01 test acc no better than 0.967 for ${chunksSinceBest} ` +
              `chunks, at ${event.treesDone} of 200 trees`,
      );
    }
  });

  it('stays quiet before a continued trial passes its best', () => {
    const events = [
      ...started,
      ...grow(3, 0, 120, 0.9),
      ...grow(3, 120, 150, 0.967),
      trialContinued(spec, 5, 5_000, 60, 2),
      ...grow(5, 60, 110, 0.9),
    ];

    expect(idsAfter(events, tenChunks)).toEqual([]);
  });

  it('keeps the count of a trial handed back', () => {
    const events = [
      ...started,
      ...grow(3, 0, 60, 0.9),
      trialPreempted(spec, 3, 5_000, 60),
      trialContinued(spec, 4, 5_100, 60),
      ...grow(4, 60, 110, 0.9),
    ];

    expect(alertsAfter(events, tenChunks)[0]?.message).toBe(
      't01 test acc no better than 0.900 for 10 chunks, at 110 of 200 trees',
    );
  });

  it('starts the count again on a fresh attempt', () => {
    const events = [
      ...started,
      ...grow(3, 0, 90, 0.9),
      trialContinued(spec, 4, 5_000, 0, 2),
      ...grow(4, 0, 100, 0.9),
    ];

    expect(idsAfter(events, tenChunks)).toEqual([]);
  });

  it('is off at 0 chunks', () => {
    const events = [...started, ...chunks(new Array(30).fill(0.9))];

    expect(idsAfter(events, { plateauChunks: 0 })).toEqual([]);
  });
});
