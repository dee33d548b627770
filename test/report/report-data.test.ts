import { describe, expect, it } from 'vitest';

import { analyzeRun } from '../../source/analysis/run-analysis.js';
import {
  averageInto,
  buildReportData,
  thin,
  type ReportData,
} from '../../source/report/report-data.js';
import type { RunEvent } from '../../source/state/events.js';
import { reduceRunEvents } from '../../source/state/reducer.js';
import { createRunState } from '../../source/state/run-state.js';
import {
  createTestData,
  createTestSpec,
  createTestSystem,
} from '../ui/factories.js';

const START = Date.UTC(2026, 11, 5, 9, 0, 0);
const GIB = 1024 ** 3;

const first = createTestSpec({ index: 0, params: { trees: 20 } });
const second = createTestSpec({ index: 1, params: { trees: 20, maxDepth: 4 } });

function startEvent(): RunEvent {
  return {
    kind: 'run-started',
    at: START,
    runId: 'r1',
    job: 'iris random forest',
    trials: [first, second],
    poolSize: 2,
    maxPoolSize: 2,
    data: createTestData({ classNames: ['setosa', 'versicolor', 'virginica'] }),
  };
}

function progress(
  trialId: string,
  treesDone: number,
  testScore: number,
  afterMs: number,
): RunEvent {
  return {
    kind: 'trial-progress',
    at: START + afterMs,
    trialId,
    workerId: 1,
    treesDone,
    elapsedMs: afterMs,
    trainScore: 1,
    testScore,
    oobScore: null,
  };
}

function finish(trialId: string, testScore: number, afterMs: number): RunEvent {
  return {
    kind: 'trial-finished',
    at: START + afterMs,
    trialId,
    workerId: 1,
    trees: 20,
    elapsedMs: afterMs,
    trainScore: 1,
    testScore,
    oobScore: null,
    foldTestScores: [testScore],
    metrics: {
      task: 'classification',
      macroF1: testScore,
      confusion: [
        [10, 0, 0],
        [0, 9, 1],
        [0, 0, 10],
      ],
    },
  };
}

function reportOf(events: readonly RunEvent[]): ReportData {
  const state = reduceRunEvents(createRunState(), events);

  return buildReportData(events, state, analyzeRun(state));
}

describe('buildReportData', () => {
  it('draws each curve from the latest score at each tree count', () => {
    const report = reportOf([
      startEvent(),
      progress(first.id, 10, 0.8, 100),
      progress(first.id, 20, 0.9, 200),
      // A retry measures the same counts again; its scores replace those.
      progress(first.id, 10, 0.85, 300),
      progress(first.id, 20, 0.95, 400),
      progress(second.id, 10, 0.7, 150),
    ]);

    expect(report.trials.map((trial) => trial.curve)).toEqual([
      [
        [10, 0.85],
        [20, 0.95],
      ],
      [[10, 0.7]],
    ]);
    expect(report.trials[0]!.label).toBe('T20 f2 d3 s1');
  });

  it("takes the best trial's confusion matrix with the class names", () => {
    const report = reportOf([
      startEvent(),
      finish(first.id, 0.9, 1000),
      finish(second.id, 0.967, 2000),
      { kind: 'run-finished', at: START + 2500, reason: 'completed' },
    ]);

    expect(report.best).toEqual({
      id: second.id,
      label: 'T20 f2 d4 s1',
      testScore: 0.967,
      confusion: [
        [10, 0, 0],
        [0, 9, 1],
        [0, 0, 10],
      ],
      classNames: ['setosa', 'versicolor', 'virginica'],
      testRmse: null,
    });
    expect(report.status).toBe('completed');
    expect(report.durationMs).toBe(2500);
  });

  it('calls the unfinished trials of a dead run interrupted', () => {
    const events = [
      startEvent(),
      {
        kind: 'trial-started',
        at: START + 10,
        trialId: first.id,
        workerId: 1,
        attempt: 1,
        treesDone: 0,
      } as const,
    ];
    const state = reduceRunEvents(createRunState(), events);
    const dead = buildReportData(events, state, analyzeRun(state, false));
    const live = buildReportData(events, state, analyzeRun(state, true));

    expect(dead.trials.map((trial) => trial.statusText)).toEqual([
      'interrupted',
      'never ran',
    ]);
    expect(live.trials.map((trial) => trial.statusText)).toEqual([
      'running',
      'queued',
    ]);
  });

  it('has no best trial while none finished', () => {
    const report = reportOf([startEvent(), progress(first.id, 10, 0.8, 100)]);

    expect(report.best).toBeNull();
    expect(report.status).toBe('running');
    expect(report.counts.finished).toBe(0);
  });

  it('times readings in the unit that suits the run', () => {
    const reading = (afterMs: number): RunEvent => ({
      kind: 'system-sampled',
      at: START + afterMs,
      ...createTestSystem({ cpuPercent: 50, memUsedBytes: 2 * GIB }),
    });
    const short = reportOf([startEvent(), reading(0), reading(90_000)]);
    const long = reportOf([startEvent(), reading(0), reading(600_000)]);

    expect(short.resources.timeUnit).toBe('seconds');
    expect(short.resources.cpuPercent).toEqual([
      [0, 50],
      [90, 50],
    ]);
    expect(long.resources.timeUnit).toBe('minutes');
    expect(long.resources.memUsedGib).toEqual([
      [0, 2],
      [10, 2],
    ]);
    expect(long.resources.memTotalGib).toBe(16);
  });

  it('lists alerts with their time in the run', () => {
    const report = reportOf([
      startEvent(),
      {
        kind: 'alert-raised',
        at: START + 4000,
        alertId: `plateau:${first.id}`,
        rule: 'plateau',
        message: 'flat',
        trialId: first.id,
      },
    ]);

    expect(report.alerts).toEqual([
      { afterMs: 4000, rule: 'plateau', message: 'flat' },
    ]);
  });
});

describe('thin', () => {
  it('keeps both ends and spreads the rest evenly', () => {
    const points = Array.from({ length: 101 }, (_, index) => index);

    expect(thin(points, 5)).toEqual([0, 25, 50, 75, 100]);
    expect(thin([1, 2, 3], 5)).toEqual([1, 2, 3]);
  });
});

describe('averageInto', () => {
  it('averages consecutive points, so a spike still shows', () => {
    const points: [number, number][] = [
      [0, 10],
      [1, 10],
      [2, 90],
      [3, 10],
    ];

    expect(averageInto(points, 2)).toEqual([
      [0.5, 10],
      [2.5, 50],
    ]);
    expect(averageInto(points, 4)).toEqual(points);
  });
});
