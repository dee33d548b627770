import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { reduceRunEvents } from '../../../source/state/reducer.js';
import type { RunState } from '../../../source/state/run-state.js';
import { TrialDetail } from '../../../source/ui/components/trial-detail.js';
import { textWidth } from '../../../source/ui/text-cells.js';
import {
  createRegressionData,
  createSweepState,
  createTestData,
} from '../factories.js';

const holdout = createSweepState({
  trialCount: 30,
  workerCount: 2,
  finishedCount: 12,
  data: createTestData(),
});

const crossValidated = createSweepState({
  trialCount: 30,
  workerCount: 2,
  finishedCount: 12,
  data: createTestData({ evaluation: { kind: 'cv', folds: 5 } }),
});

const regression = createSweepState({
  trialCount: 30,
  workerCount: 2,
  finishedCount: 12,
  data: createRegressionData(),
  testScoreOf: (index) => 0.3 - index / 10,
});

/** A log written before runs recorded their data and measures. */
const older = createSweepState({
  trialCount: 30,
  workerCount: 2,
  finishedCount: 12,
});

const weather = createSweepState({
  trialCount: 30,
  workerCount: 2,
  finishedCount: 12,
  data: createTestData({
    name: 'boston_housing_prices_2024_cleaned_final_天気の記録.csv',
    classNames: ['晴れ', '雨のち曇り', '雪'],
  }),
});

function renderDetail(
  state: RunState,
  trialId: string,
  height = 23,
  width = 80,
) {
  const trial = state.trials[trialId];
  if (trial === undefined) {
    throw new Error(`Trial ${trialId} not found in the test state`);
  }

  return render(
    <TrialDetail state={state} trial={trial} width={width} height={height} />,
  );
}

function linesOf(frame: string | undefined): string[] {
  return frame?.split('\n') ?? [];
}

test('describes a hold-out classification trial', () => {
  const { lastFrame, unmount } = renderDetail(holdout, 't06');

  const lines = linesOf(lastFrame());
  expect(lines[0]).toMatch(/^─ Trial t06 {2}rank 1 of 12 by test accuracy ─+$/);
  expect(lines).toContain(
    'data      iris · 150 rows · classification · hold-out 20%',
  );
  expect(lines).toContain(
    'params    100 trees · max features 3 · max depth 3 · seed 6',
  );
  expect(lines).toContain('status    finished · 2.0s of training · attempt 1');
  expect(lines).toContain(
    'scores    accuracy: train 0.990 · test 0.960 · oob 0.950',
  );
  expect(lines).toContain(
    'folds     one score from a 20% hold-out split, so no spread',
  );
  expect(lines).toContain('macro F1  0.955');
  unmount();
});

test('draws the confusion matrix with class names', () => {
  const { lastFrame, unmount } = renderDetail(holdout, 't06');

  const lines = linesOf(lastFrame());
  expect(lines).toContain(
    'confusion matrix, test rows: actual down, predicted across',
  );
  expect(lines).toContain('                setosa versicolor  virginica');
  expect(lines).toContain('setosa              10          0          0');
  unmount();
});

test('lists fold scores with mean and spread under CV', () => {
  const { lastFrame, unmount } = renderDetail(crossValidated, 't04');

  const lines = linesOf(lastFrame());
  expect(lines).toContain(
    'scores    accuracy, mean of 5 folds: train 0.990 · test 0.940 · oob 0.950',
  );
  expect(lines).toContain(
    'folds     mean 0.940±0.014 · 0.920 0.930 0.940 0.950 0.960',
  );
  expect(lines).toContainEqual(
    expect.stringMatching(/^confusion matrix, test rows of 5 folds: /),
  );
  unmount();
});

test('shows R² and RMSE for regression', () => {
  const { lastFrame, unmount } = renderDetail(regression, 't05');

  const lines = linesOf(lastFrame());
  expect(lines[0]).toMatch(/^─ Trial t05 {2}rank 6 of 12 by test R² ─+$/);
  expect(lines).toContain(
    'scores    R², mean of 5 folds: train 0.990 · test -0.200 · oob N/A',
  );
  expect(lines).toContain(
    'folds     mean -0.200±0.014 · -0.220 -0.210 -0.200 -0.190 -0.180',
  );
  expect(lines).toContain('RMSE      train 1.25 · test 12.0');
  expect(lastFrame()).not.toContain('confusion');
  unmount();
});

test('draws the test curve with its first and last score', () => {
  const { lastFrame, unmount } = renderDetail(regression, 't05');

  const curve = linesOf(lastFrame()).find((line) => line.startsWith('curve'));
  expect(curve).toMatch(/^curve {5}[▁-█]{45} test R² -0\.290 to -0\.200$/);
  unmount();
});

test('says what an older log did not record', () => {
  const { lastFrame, unmount } = renderDetail(older, 't06');

  const lines = linesOf(lastFrame());
  expect(lines).toContain('macro F1  not recorded in this run');
  expect(lines).toContain(
    'folds     one score from a held-out split, so no spread',
  );
  expect(lines).toContain('curve     N/A');
  expect(lines.some((line) => line.startsWith('data'))).toBe(false);
  unmount();
});

test('says where a pruned trial stopped', () => {
  const pruned = reduceRunEvents(holdout, [
    {
      kind: 'trial-pruned',
      at: 0,
      trialId: 't20',
      treesDone: 30,
      testScore: 0.9,
      rung: 0,
    },
  ]);
  const { lastFrame, unmount } = renderDetail(pruned, 't20');

  const frame = lastFrame() ?? '';
  expect(frame).toContain('pruned by halving at 30 trees');
  expect(linesOf(frame)).toContain(
    'macro F1  none: pruned before its forest was complete',
  );
  unmount();
});

test('keeps scores and folds when lines are short', () => {
  const { lastFrame, unmount } = renderDetail(crossValidated, 't04', 3);

  const lines = linesOf(lastFrame());
  expect(lines).toHaveLength(3);
  expect(lines[1]).toMatch(/^scores {4}accuracy, mean of 5 folds/);
  expect(lines[2]).toMatch(/^folds {5}mean 0\.940±0\.014/);
  unmount();
});

test('drops the matrix before the other lines', () => {
  const { lastFrame, unmount } = renderDetail(holdout, 't06', 8);

  const lines = linesOf(lastFrame());
  expect(lines).toHaveLength(8);
  expect(lines.at(-1)).toBe('macro F1  0.955');
  expect(lastFrame()).not.toContain('confusion');
  unmount();
});

test('pads to its height', () => {
  const { lastFrame, unmount } = renderDetail(regression, 't05', 20);

  const lines = linesOf(lastFrame());
  expect(lines).toHaveLength(20);
  expect(lines.at(-1)).toBe('');
  unmount();
});

test('aligns a matrix of wide class names', () => {
  const { lastFrame, unmount } = renderDetail(weather, 't06');

  const lines = linesOf(lastFrame());
  expect(lines).toContain('                  晴れ 雨のち曇り         雪');
  expect(lines).toContain('晴れ                10          0          0');
  expect(lines).toContain('雨のち曇り           0         10          0');
  expect(lines).toContain('雪                   0          0         10');
  unmount();
});

test('cuts a long data name in the middle', () => {
  const { lastFrame, unmount } = renderDetail(weather, 't06');

  const lines = linesOf(lastFrame());
  expect(lines).toContain(
    'data      boston_housing…気の記録.csv · 150 rows · classification · hold-out 20%',
  );
  unmount();
});

test('keeps wide text within a narrow width', () => {
  const { lastFrame, unmount } = renderDetail(weather, 't06', 23, 40);

  const lines = linesOf(lastFrame());
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    expect(textWidth(line), line).toBeLessThanOrEqual(40);
  }
  expect(lines).toContain('雨のち曇り         0       10        0');
  unmount();
});
