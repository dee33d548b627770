import { describe, expect, test } from 'vitest';
import {
  SELECTION_GUTTER_WIDTH,
  planFinishedColumns,
  type FinishedColumnsInput,
} from '../../source/ui/finished-columns.js';
import { createTestTrial } from './factories.js';

const base: FinishedColumnsInput = {
  width: 80,
  task: 'classification',
  isCrossValidated: false,
  hasMetrics: true,
};

function keysOf(input: FinishedColumnsInput): string[] {
  return planFinishedColumns(input).map((column) => column.key);
}

function rowWidth(input: FinishedColumnsInput): number {
  const columns = planFinishedColumns(input);

  return columns.reduce(
    (total, column) => total + column.width,
    SELECTION_GUTTER_WIDTH,
  );
}

describe('planFinishedColumns', () => {
  test('ends with macro F1 for classification', () => {
    const columns = planFinishedColumns(base);

    expect(columns.at(-1)?.header).toBe('macro F1');
  });

  test('ends with test RMSE for regression', () => {
    const columns = planFinishedColumns({ ...base, task: 'regression' });

    expect(columns.at(-1)?.header).toBe('test RMSE');
  });

  test('leaves out the measure when no trial has it', () => {
    expect(keysOf({ ...base, hasMetrics: false })).not.toContain('metric');
  });

  test('fits 80 columns in the widest case', () => {
    const widest: FinishedColumnsInput = {
      ...base,
      task: 'regression',
      isCrossValidated: true,
    };

    expect(keysOf(widest)).toContain('metric');
    expect(rowWidth(widest)).toBeLessThanOrEqual(80);
  });

  test('drops the measure first when narrow', () => {
    const narrow = { ...base, width: 70 };

    expect(keysOf(narrow)).toEqual([
      'id',
      'params',
      'train',
      'test',
      'oob',
      'trees',
      'time',
    ]);
  });

  test('adds the fold spread to the test score under CV', () => {
    const test = planFinishedColumns({ ...base, isCrossValidated: true })[3];
    const trial = createTestTrial({
      testScore: -0.1,
      foldTestScores: [-0.2, 0],
    });

    expect(test?.cell(trial)).toBe('-0.100±0.100');
    expect(test?.width).toBe(13);
  });
});
