import { describe, expect, it } from 'vitest';

import { formatSummary, summaryOptionsFor } from '../../source/cli/summary.js';
import type {
  DataSource,
  EventOf,
  RunEvent,
  TrialMetrics,
} from '../../source/state/events.js';
import { reduceRunEvents } from '../../source/state/reducer.js';
import { createRunState, type RunState } from '../../source/state/run-state.js';
import { textWidth } from '../../source/ui/text-cells.js';
import {
  createSpec,
  runFinished,
  runStarted,
  START_AT,
  trialFailed,
  trialFinished,
  trialStarted,
} from './run-events.js';

function foldEvents(events: readonly RunEvent[]): RunState {
  return reduceRunEvents(createRunState(), events);
}

const small = createSpec(0, { trees: 60, maxFeatures: 1, maxDepth: 1 });
const medium = createSpec(1, { trees: 120, maxFeatures: 2, maxDepth: 3 });
const large = createSpec(2, { trees: 240, maxFeatures: 3, seed: 2 });

function completedRun(): RunState {
  return foldEvents([
    runStarted([small, medium, large]),
    trialStarted(small, 1, 0),
    trialStarted(medium, 2, 0),
    trialFinished(small, 1, 1_000, { train: 0.95, test: 0.9, oob: 0.88 }),
    trialStarted(large, 1, 1_000),
    trialFinished(
      medium,
      2,
      2_000,
      { train: 0.975, test: 0.9666, oob: 0.958 },
      1_234,
    ),
    trialFinished(
      large,
      1,
      66_000,
      { train: 1, test: 0.933, oob: null },
      65_000,
    ),
    runFinished(72_000, 'completed'),
  ]);
}

/** A regression CSV scored by 5-fold cross-validation. */
const housing: DataSource = {
  dataset: 'csv',
  name: 'housing.csv',
  task: 'regression',
  featureNames: ['rooms', 'age'],
  classNames: [],
  rowCount: 506,
  evaluation: { kind: 'cv', folds: 5 },
  splitSeed: 1,
};

/** Adds fold scores and measures to a finished trial's event. */
function withFolds(
  event: EventOf<'trial-finished'>,
  foldTestScores: readonly number[],
  metrics: TrialMetrics,
): EventOf<'trial-finished'> {
  return { ...event, foldTestScores, metrics };
}

function regressionRun(): RunState {
  return foldEvents([
    { ...runStarted([small, medium]), data: housing },
    trialStarted(small, 1, 0),
    trialStarted(medium, 2, 0),
    withFolds(
      trialFinished(small, 1, 1_000, { train: 0.9, test: -0.25, oob: null }),
      [-0.3, -0.2],
      { task: 'regression', trainRmse: 1.5, testRmse: 12.345 },
    ),
    withFolds(
      trialFinished(medium, 2, 2_000, { train: 0.95, test: 0.61, oob: 0.6 }),
      [0.6, 0.62],
      { task: 'regression', trainRmse: 0.5, testRmse: 2.25 },
    ),
    runFinished(3_000, 'completed'),
  ]);
}

const LONG_JOB =
  'boston_housing_prices_2024_cleaned_final.csv random forest regression';
const LONG_FILE = 'boston_housing_prices_2024_cleaned_final.csv';

/** Returns a completed run whose job and data names are over 60 cells. */
function longNamedRun(): RunState {
  return foldEvents([
    {
      ...runStarted([small]),
      job: LONG_JOB,
      data: {
        ...housing,
        name: LONG_FILE,
        evaluation: { kind: 'holdout', testFraction: 0.2 },
      },
    },
    trialStarted(small, 1, 0),
    trialFinished(small, 1, 1_000, { train: 0.9, test: 0.7, oob: 0.6 }),
    runFinished(3_000, 'completed'),
  ]);
}

describe('formatSummary', () => {
  it('lays out a completed run', () => {
    expect(formatSummary(completedRun())).toBe(
      [
        'Run r1 (iris) completed in 1m12s.',
        'Trials: 3 finished, 0 failed, 3 in total.',
        '',
        'Finished trials by test accuracy:',
        'id   trees  max features  max depth  seed  train   test    oob   time',
        't02    120             2          3     1  0.975  0.967  0.958   1.2s',
        't03    240             3          3     2  1.000  0.933    N/A  1m05s',
        't01     60             1          1     1  0.950  0.900  0.880   1.2s',
        '',
      ].join('\n'),
    );
  });

  it('counts trials of a stopped run', () => {
    const state = foldEvents([
      runStarted([small, medium, large]),
      trialStarted(small, 1, 0),
      trialStarted(medium, 2, 0),
      trialFinished(small, 1, 1_000, { train: 1, test: 1, oob: 1 }),
      runFinished(1_500, 'stopped'),
    ]);

    const lines = formatSummary(state).split('\n');

    expect(lines[0]).toBe('Run r1 (iris) was stopped early after 1.5s.');
    expect(lines[1]).toBe(
      'Trials: 1 finished, 0 failed, 1 interrupted, 1 never ran, 3 in total.',
    );
  });

  it('describes a run that a live process is training', () => {
    const state = foldEvents([
      runStarted([small, medium, large]),
      trialStarted(small, 1, 0),
      trialFinished(small, 1, 1_000, { train: 1, test: 1, oob: 1 }),
      trialStarted(medium, 2, 1_000),
    ]);

    const lines = formatSummary(state, { isRunning: true }).split('\n');

    expect(lines[0]).toBe(
      'Run r1 (iris) is running: 1.0s so far; follow it with traintop ' +
        'watch r1.',
    );
    expect(lines[1]).toBe(
      'Trials: 1 finished, 0 failed, 1 started, 1 queued, 3 in total.',
    );
  });

  it('says when a run never finished', () => {
    const state = foldEvents([runStarted([small]), trialStarted(small, 1, 0)]);

    const lines = formatSummary(state).split('\n');

    expect(lines[0]).toBe('Run r1 (iris) ended after 0.0s without finishing.');
    expect(lines[1]).toBe(
      'Trials: 0 finished, 0 failed, 1 interrupted, 0 never ran, 1 in total.',
    );
    expect(lines).toContain('No trial finished.');
  });

  it('shows the best ten of more', () => {
    const specs = Array.from({ length: 12 }, (_, index) => createSpec(index));
    const events: RunEvent[] = [runStarted(specs)];
    specs.forEach((spec, index) => {
      const test = 0.5 + index / 100;
      events.push(trialStarted(spec, 1, index));
      events.push(trialFinished(spec, 1, index, { train: 1, test, oob: 1 }));
    });

    const lines = formatSummary(foldEvents(events)).split('\n');
    const rows = lines.filter((line) => /^t\d\d /.test(line));

    expect(lines).toContain('Best 10 of 12 finished trials by test accuracy:');
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatch(/^t12 /);
    expect(rows[9]).toMatch(/^t03 /);
  });

  it('lists failed trials with errors', () => {
    const state = foldEvents([
      runStarted([small, medium]),
      trialStarted(small, 1, 0),
      trialFailed(small, 100, 'Worker crashed', { willRetry: true }),
      trialStarted(small, 1, 200, 2),
      trialFailed(small, 300, 'Out of memory\n    at grow (forest.js:1)', {
        attempt: 2,
      }),
      trialStarted(medium, 1, 300),
      trialFinished(medium, 1, 400, { train: 1, test: 1, oob: 1 }),
      runFinished(500, 'completed'),
    ]);

    const lines = formatSummary(state).split('\n');

    expect(lines[1]).toBe('Trials: 1 finished, 1 failed, 2 in total.');
    expect(lines).toContain('Failed trials:');
    expect(lines).toContain(
      't01  after 2 attempts: Out of memory at grow (forest.js:1)',
    );
  });

  it('wraps a long error at 80 columns', () => {
    const state = foldEvents([
      runStarted([small]),
      trialStarted(small, 1, 0),
      trialFailed(small, 100, 'x'.repeat(200)),
      runFinished(200, 'completed'),
    ]);

    const lines = formatSummary(state, { columns: 80 }).split('\n');
    const start = lines.indexOf('t01  after 1 attempt:');

    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start + 1, start + 4)).toEqual([
      `  ${'x'.repeat(78)}`,
      `  ${'x'.repeat(78)}`,
      `  ${'x'.repeat(44)}`,
    ]);
    for (const line of lines) {
      expect(line.length, line).toBeLessThanOrEqual(80);
    }
  });

  it('drops columns on a narrow screen', () => {
    const lines = formatSummary(completedRun(), { columns: 50 }).split('\n');

    expect(lines[4]).toBe('id   trees  max features  max depth   test   time');
    for (const line of lines) {
      expect(line.length, line).toBeLessThanOrEqual(50);
    }
  });

  it('lays out a cross-validated regression run', () => {
    expect(formatSummary(regressionRun(), { columns: 80 })).toBe(
      [
        'Run r1 (iris) completed in 3.0s.',
        'Data: housing.csv, 506 rows, regression, 5-fold CV.',
        'Trials: 2 finished, 0 failed, 2 in total.',
        '',
        'Finished trials by test R², mean±SD over 5 folds:',
        'id   trees  max features  max depth  seed          test' +
          '    oob  time  test RMSE',
        't02    120             2          3     1   0.610±0.010' +
          '  0.600  1.2s       2.25',
        't01     60             1          1     1  -0.250±0.050' +
          '    N/A  1.2s       12.3',
        '',
      ].join('\n'),
    );
  });

  it('keeps every column on a wide screen', () => {
    const lines = formatSummary(regressionRun(), { columns: 100 }).split('\n');

    expect(lines[5]).toBe(
      'id   trees  max features  max depth  seed  train          test' +
        '    oob  time  test RMSE',
    );
  });

  it('adds macro F1 for classification', () => {
    const state = foldEvents([
      runStarted([small]),
      trialStarted(small, 1, 0),
      withFolds(
        trialFinished(small, 1, 1_000, { train: 1, test: 0.9, oob: 0.8 }),
        [0.9],
        { task: 'classification', macroF1: 0.8876, confusion: [] },
      ),
      runFinished(2_000, 'completed'),
    ]);

    const lines = formatSummary(state).split('\n');

    expect(lines[3]).toBe('Finished trials by test accuracy:');
    expect(lines[4]).toMatch(/ {2}time {2}macro F1$/);
    expect(lines[5]).toMatch(/ {2}1\.2s {5}0\.888$/);
  });

  it('drops train and then the task column when narrow', () => {
    const lines = formatSummary(regressionRun(), { columns: 70 }).split('\n');

    expect(lines[5]).toBe(
      'id   trees  max features  max depth  seed          test    oob  time',
    );
    for (const line of lines) {
      expect(line.length, line).toBeLessThanOrEqual(70);
    }
  });

  it('keeps long lines whole without a width', () => {
    const state = longNamedRun();

    const lines = formatSummary(state).split('\n');

    expect(lines[0]).toBe(`Run r1 (${LONG_JOB}) completed in 3.0s.`);
    expect(lines[1]).toBe(
      `Data: ${LONG_FILE}, 506 rows, regression, hold-out 20%.`,
    );
    expect(lines[5]).toMatch(
      /^id +trees +max features +max depth +seed +train /,
    );
    expect(lines.every((line) => !line.includes('…'))).toBe(true);
  });

  it('wraps sentences to the terminal width', () => {
    const lines = formatSummary(longNamedRun(), { columns: 60 }).split('\n');

    expect(lines.slice(0, 5)).toEqual([
      'Run r1 (boston_housing_prices_2024_cleaned_final.csv random',
      '  forest regression) completed in 3.0s.',
      'Data: boston_housing_prices_2024_cleaned_final.csv, 506',
      '  rows, regression, hold-out 20%.',
      'Trials: 1 finished, 0 failed, 1 in total.',
    ]);
    for (const line of lines) {
      expect(line.length, line).toBeLessThanOrEqual(60);
    }
  });

  it('cuts table rows that still do not fit', () => {
    const lines = formatSummary(completedRun(), { columns: 30 }).split('\n');
    const rows = lines.filter((line) => /^(id|t\d\d) /.test(line));

    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row, row).toHaveLength(30);
      expect(row.endsWith('…'), row).toBe(true);
    }
  });

  it('wraps wide characters by cells', () => {
    const state = foldEvents([
      {
        ...runStarted([small]),
        job: '天気の予測 ランダムフォレスト 分類',
        data: { ...housing, name: '東京の天気の記録_2024年版.csv' },
      },
      trialStarted(small, 1, 0),
      trialFinished(small, 1, 1_000, { train: 1, test: 0.9, oob: 0.8 }),
      runFinished(2_000, 'completed'),
    ]);

    const lines = formatSummary(state, { columns: 30 }).split('\n');

    expect(lines.slice(0, 3)).toEqual([
      'Run r1 (天気の予測',
      '  ランダムフォレスト 分類)',
      '  completed in 2.0s.',
    ]);
    for (const line of lines) {
      expect(textWidth(line), line).toBeLessThanOrEqual(30);
    }
  });

  it('reports a run that never started', () => {
    expect(formatSummary(createRunState())).toBe('No run started.\n');
  });
});

describe('summaryOptionsFor', () => {
  it('gives a file or a pipe no width', () => {
    expect(summaryOptionsFor({ isTTY: false, columns: 120 })).toEqual({});
    expect(summaryOptionsFor({})).toEqual({});
  });

  it('takes the width of a terminal', () => {
    expect(summaryOptionsFor({ isTTY: true, columns: 120 })).toEqual({
      columns: 120,
    });
  });

  it('assumes 80 columns for a terminal without a width', () => {
    expect(summaryOptionsFor({ isTTY: true, columns: 0 })).toEqual({
      columns: 80,
    });
    expect(summaryOptionsFor({ isTTY: true })).toEqual({ columns: 80 });
  });
});

describe('formatSummary alerts', () => {
  it('counts alerts raised and lists the active ones', () => {
    const state = reduceRunEvents(completedRun(), [
      {
        kind: 'alert-raised',
        at: START_AT + 3_000,
        alertId: 'stalled:w2',
        rule: 'stalled',
        message: 'no progress for 5.0s on t02',
        trialId: 't02',
        workerId: 2,
      },
      { kind: 'alert-cleared', at: START_AT + 4_000, alertId: 'stalled:w2' },
      {
        kind: 'alert-raised',
        at: START_AT + 66_000,
        alertId: 'overfitting:t03',
        rule: 'overfitting',
        message: 't03 gap 0.067 above 0.05',
        trialId: 't03',
      },
    ]);
    const lines = formatSummary(state).split('\n');

    expect(lines).toContain(
      'Alerts: 2 raised (1 stalled, 1 overfitting), 1 active:',
    );
    expect(lines).toContain('overfitting  t03 gap 0.067 above 0.05');
  });

  it('leaves alerts out of a run that raised none', () => {
    const summary = formatSummary(completedRun());

    expect(summary).toContain('Trials:');
    expect(summary).not.toContain('Alerts');
  });
});

describe('formatSummary of a halving search', () => {
  it('counts pruned trials and names the best of them', () => {
    const state = foldEvents([
      runStarted([small, medium, large]),
      trialStarted(small, 1, 0),
      trialFinished(small, 1, 1_000, { train: 1, test: 1, oob: 1 }),
      {
        kind: 'trial-pruned',
        at: 1_100,
        trialId: medium.id,
        treesDone: 20,
        testScore: 0.8,
        rung: 0,
      },
      {
        kind: 'trial-pruned',
        at: 1_200,
        trialId: large.id,
        treesDone: 30,
        testScore: 0.9,
        rung: 0,
      },
      runFinished(1_500, 'completed'),
    ]);

    const text = formatSummary(state);

    expect(text).toContain(
      'Trials: 1 finished, 0 failed, 2 pruned, 3 in total.',
    );
    expect(text).toContain(
      `Pruned by halving: 2 trials; the best of them, ${large.id}, had ` +
        `test acc 0.900 at 30 of ${large.params.trees} trees.`,
    );
  });
});
