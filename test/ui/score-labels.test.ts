import { describe, expect, test } from 'vitest';
import {
  isCrossValidated,
  metricLabel,
  scoreLabel,
  scoreName,
  taskOf,
} from '../../source/ui/score-labels.js';
import {
  createRegressionData,
  createTestData,
  createTestRunState,
  createTestTrial,
} from './factories.js';

describe('taskOf', () => {
  test('reads the task of the data', () => {
    expect(taskOf(createRegressionData())).toBe('regression');
  });

  test('reads a run without data as classification', () => {
    expect(taskOf(null)).toBe('classification');
  });
});

test.each([
  ['classification', 'acc', 'accuracy', 'macro F1'],
  ['regression', 'R²', 'R²', 'test RMSE'],
] as const)('names the %s measures', (task, label, name, metric) => {
  expect(scoreLabel(task)).toBe(label);
  expect(scoreName(task)).toBe(name);
  expect(metricLabel(task)).toBe(metric);
});

describe('isCrossValidated', () => {
  test('follows the evaluation of the data', () => {
    const cv = createTestRunState({ data: createRegressionData() });
    const holdout = createTestRunState({ data: createTestData() });

    expect(isCrossValidated(cv)).toBe(true);
    expect(isCrossValidated(holdout)).toBe(false);
  });

  test('reads fold scores when the data is unknown', () => {
    const trial = createTestTrial({ foldTestScores: [0.9, 0.95] });
    const state = createTestRunState({ trials: { t07: trial } });

    expect(isCrossValidated(state)).toBe(true);
    expect(isCrossValidated(createTestRunState())).toBe(false);
  });
});
