import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { FinishedTable } from '../../../source/ui/components/finished-table.js';
import { textWidth } from '../../../source/ui/text-cells.js';
import { reduceRunEvents } from '../../../source/state/reducer.js';
import {
  createRegressionData,
  createSweepState,
  createTestData,
  createTestRunState,
} from '../factories.js';

const state = createSweepState({
  trialCount: 30,
  workerCount: 4,
  finishedCount: 12,
  failedCount: 2,
});

const crossValidated = createSweepState({
  trialCount: 30,
  workerCount: 4,
  finishedCount: 12,
  data: createTestData({ evaluation: { kind: 'cv', folds: 5 } }),
});

const regression = createSweepState({
  trialCount: 30,
  workerCount: 4,
  finishedCount: 12,
  data: createRegressionData(),
  testScoreOf: (index) => 0.3 - index / 10,
});

function linesOf(frame: string | undefined): string[] {
  return frame?.split('\n') ?? [];
}

test('ranks trials by test score', () => {
  const { lastFrame, unmount } = render(
    <FinishedTable state={state} width={80} maxLines={3} />,
  );

  const lines = linesOf(lastFrame());
  expect(lines[1]).toBe(
    '  trial params                train   test    oob  trees    time',
  );
  expect(lines[2]).toBe(
    '  t06   T100 f3 d3 s6         0.990  0.960  0.950    100    2.0s',
  );
  expect(lines[3]).toBe(
    '  t05   T200 f2 d2 s5         0.990  0.950    N/A    200    3.0s',
  );
  unmount();
});

test('cuts rows with a more line', () => {
  const { lastFrame, unmount } = render(
    <FinishedTable state={state} width={80} maxLines={3} />,
  );

  expect(lastFrame()).toContain('  +10 more trials');
  unmount();
});

test('counts failures and shows the latest error', () => {
  const { lastFrame, unmount } = render(
    <FinishedTable state={state} width={80} maxLines={3} />,
  );

  const lines = linesOf(lastFrame());
  expect(lines[0]).toMatch(/^─ Finished {2}12 of 30 · 2 failed · accuracy ─+$/);
  expect(lines.at(-1)).toBe(
    'latest failure t13: Failed to train t13: out of memory',
  );
  unmount();
});

test('lists pruned trials after the finished ones', () => {
  const pruned = reduceRunEvents(state, [
    {
      kind: 'trial-pruned',
      at: 0,
      trialId: 't20',
      treesDone: 10,
      testScore: 0.9,
      rung: 0,
    },
    {
      kind: 'trial-pruned',
      at: 0,
      trialId: 't21',
      treesDone: 30,
      testScore: 0.5,
      rung: 1,
    },
  ]);
  const { lastFrame, unmount } = render(
    <FinishedTable state={pruned} width={80} maxLines={20} />,
  );

  const lines = linesOf(lastFrame());
  expect(lines[0]).toMatch(/^─ Finished {2}12 of 30 · 2 failed · 2 pruned ·/);
  // Twelve finished rows come first; the pruned one with more trees leads.
  expect(lines[14]).toMatch(/^ {2}t21 .* 0\.500 .* {2,}30 /);
  expect(lines[15]).toMatch(/^ {2}t20 .* 0\.900 .* {2,}10 /);
  expect(lines[15]).toMatch(/ pruned$/);
  unmount();
});

test('says so before any trial finished', () => {
  const { lastFrame, unmount } = render(
    <FinishedTable state={createTestRunState()} width={80} maxLines={3} />,
  );

  expect(lastFrame()).toContain('No trial has finished yet.');
  expect(lastFrame()).not.toContain('latest failure');
  unmount();
});

test('adds the fold spread and macro F1 under CV', () => {
  const { lastFrame, unmount } = render(
    <FinishedTable state={crossValidated} width={80} maxLines={3} />,
  );

  const lines = linesOf(lastFrame());
  expect(lines[1]).toBe(
    '  trial params                train         test    oob  trees    time macro F1',
  );
  expect(lines[2]).toBe(
    '  t06   T100 f3 d3 s6         0.990  0.960±0.014  0.950    100    2.0s    0.955',
  );
  unmount();
});

test('shows R² and test RMSE for regression', () => {
  const { lastFrame, unmount } = render(
    <FinishedTable state={regression} width={80} maxLines={12} />,
  );

  const lines = linesOf(lastFrame());
  expect(lines[0]).toMatch(/^─ Finished {2}12 of 30 · 0 failed · R² ─+$/);
  expect(lines[1]).toBe(
    '  trial params                train         test    oob  trees    time test RMSE',
  );
  expect(lines[2]).toBe(
    '  t00   T100 f1 d2 s0         0.990  0.300±0.014  0.950    100    2.0s      7.00',
  );
  expect(lines[7]).toBe(
    '  t05   T200 f2 d2 s5         0.990 -0.200±0.014    N/A    200    3.0s      12.0',
  );
  for (const line of lines) {
    expect([...line].length).toBeLessThanOrEqual(80);
  }

  unmount();
});

test('drops the task column first when narrow', () => {
  const { lastFrame, unmount } = render(
    <FinishedTable state={regression} width={76} maxLines={3} />,
  );

  const lines = linesOf(lastFrame());
  expect(lines[1]).toBe(
    '  trial params                train         test    oob  trees    time',
  );
  expect(lastFrame()).not.toContain('RMSE');
  unmount();
});

test('marks the selected trial', () => {
  const { lastFrame, unmount } = render(
    <FinishedTable
      state={state}
      width={80}
      maxLines={5}
      selectedTrialId="t05"
    />,
  );

  const lines = linesOf(lastFrame());
  expect(lines[2]).toMatch(/^ {2}t06 /);
  expect(lines[3]).toMatch(/^› t05 /);
  unmount();
});

test('scrolls to keep the selection in sight', () => {
  const { lastFrame, unmount } = render(
    <FinishedTable
      state={state}
      width={80}
      maxLines={4}
      selectedTrialId="t02"
    />,
  );

  // Ranked: t06 t05 t04 t11 t03 t10 t02 …, so t02 is seventh.
  const lines = linesOf(lastFrame());
  expect(lines.slice(2, 5).map((line) => line.slice(0, 5))).toEqual([
    '  t03',
    '  t10',
    '› t02',
  ]);
  expect(lines[5]).toBe('  +4 above · +5 more trials');
  unmount();
});

test('keeps wide text within the width', () => {
  const weather = createSweepState({
    trialCount: 30,
    workerCount: 2,
    finishedCount: 12,
    failedCount: 1,
    data: createTestData({
      name: 'boston_housing_prices_2024_cleaned_final_天気の記録.csv',
      classNames: ['晴れ', '雨のち曇り', '雪'],
    }),
  });
  const failed = weather.trials['t12'];
  if (failed === undefined) {
    throw new Error('Trial t12 not found in the test state');
  }
  const withError = {
    ...weather,
    trials: {
      ...weather.trials,
      t12: {
        ...failed,
        error: `「雨のち曇り」の列が見つかりません: ${'x'.repeat(60)}`,
      },
    },
  };
  const { lastFrame, unmount } = render(
    <FinishedTable state={withError} width={60} maxLines={3} />,
  );

  const lines = linesOf(lastFrame());
  expect(lines.at(-1)).toMatch(/^latest failure t12: 「雨のち曇り」の列/);
  for (const line of lines) {
    expect(textWidth(line), line).toBeLessThanOrEqual(60);
  }
  unmount();
});
