import { describe, expect, test } from 'vitest';
import {
  MAX_HOST_LABEL_WIDTH,
  planHostColumns,
} from '../../source/ui/host-columns.js';

describe('planHostColumns', () => {
  test('shows both bars and the memory bytes at 80 columns', () => {
    expect(planHostColumns(80, 7)).toEqual({
      labelWidth: 7,
      meterCount: 2,
      barWidth: 11,
      hasMemoryBytes: true,
    });
  });

  test('caps the label width', () => {
    expect(planHostColumns(80, 40).labelWidth).toBe(MAX_HOST_LABEL_WIDTH);
  });

  test('drops the memory bytes before the bars', () => {
    expect(planHostColumns(60, 7)).toMatchObject({
      meterCount: 2,
      hasMemoryBytes: false,
    });
    expect(planHostColumns(60, 7).barWidth).toBeGreaterThanOrEqual(4);
  });

  test('drops the bars, then the meters, as the width shrinks', () => {
    expect(planHostColumns(50, 7)).toMatchObject({
      meterCount: 2,
      barWidth: 0,
    });
    expect(planHostColumns(40, 7)).toMatchObject({
      meterCount: 1,
      barWidth: 0,
    });
    expect(planHostColumns(28, 7)).toMatchObject({ meterCount: 0 });
  });
});
