import { describe, expect, test } from 'vitest';
import { CURVE_POINTS } from '../../source/state/constants.js';
import {
  coreCellWidth,
  cutList,
  FOOTER_LINES,
  HEADER_LINES,
  planCores,
  planFullLayout,
  planWorkerColumns,
  scrollList,
  systemPanelLines,
} from '../../source/ui/layout.js';

describe('cutList', () => {
  test('keeps a list that fits', () => {
    expect(cutList([1, 2, 3], 3)).toEqual({
      visibleItems: [1, 2, 3],
      hiddenCount: 0,
    });
  });

  test('gives the last line to the more note', () => {
    expect(cutList([1, 2, 3, 4, 5], 3)).toEqual({
      visibleItems: [1, 2],
      hiddenCount: 3,
    });
  });

  test('shows only the note in one line', () => {
    expect(cutList([1, 2], 1)).toEqual({ visibleItems: [], hiddenCount: 2 });
  });
});

describe('scrollList', () => {
  const items = [1, 2, 3, 4, 5, 6, 7];

  test('keeps a list that fits', () => {
    expect(scrollList([1, 2, 3], 3, 2)).toEqual({
      visibleItems: [1, 2, 3],
      firstIndex: 0,
      hiddenBefore: 0,
      hiddenAfter: 0,
    });
  });

  test('keeps the top while the selection is in sight', () => {
    expect(scrollList(items, 4, 2)).toEqual({
      visibleItems: [1, 2, 3],
      firstIndex: 0,
      hiddenBefore: 0,
      hiddenAfter: 4,
    });
  });

  test('scrolls just far enough to show the selection', () => {
    expect(scrollList(items, 4, 4)).toEqual({
      visibleItems: [3, 4, 5],
      firstIndex: 2,
      hiddenBefore: 2,
      hiddenAfter: 2,
    });
  });

  test('shows the last item at the bottom', () => {
    expect(scrollList(items, 4, 6)).toEqual({
      visibleItems: [5, 6, 7],
      firstIndex: 4,
      hiddenBefore: 4,
      hiddenAfter: 0,
    });
  });

  test('keeps the top without a selection', () => {
    expect(scrollList(items, 4, -1).firstIndex).toBe(0);
  });
});

describe('planCores', () => {
  test('waits for the first sample', () => {
    expect(planCores(0, 80)).toEqual({ kind: 'sampling', lines: 1 });
  });

  test('draws bars while they fit in two lines', () => {
    const layout = planCores(8, 80);

    expect(layout.kind).toBe('bars');
    expect(layout.lines).toBe(2);
  });

  test('fits bars inside the width', () => {
    const layout = planCores(8, 80);
    const perLine = layout.kind === 'bars' ? layout.perLine : 0;
    const lineWidth = 8 + perLine * coreCellWidth(8) + (perLine - 1) * 2;

    expect(lineWidth).toBeLessThanOrEqual(80);
  });

  test('switches to one glyph a core on big machines', () => {
    const layout = planCores(64, 80);

    expect(layout.kind).toBe('strip');
    expect(layout.lines).toBe(1);
  });

  test('caps the strip at two lines', () => {
    expect(planCores(1000, 80).lines).toBe(2);
  });
});

describe('planWorkerColumns', () => {
  test('drops the sparkline on narrow rows', () => {
    expect(planWorkerColumns(60).sparklineWidth).toBe(0);
  });

  test('shows a sparkline at 80 columns', () => {
    expect(planWorkerColumns(80).sparklineWidth).toBeGreaterThan(5);
  });

  test('grows the sparkline no wider than the history', () => {
    expect(planWorkerColumns(400).sparklineWidth).toBe(CURVE_POINTS);
  });
});

describe('planFullLayout', () => {
  const base = {
    columns: 80,
    rows: 24,
    workerCount: 4,
    finishedCount: 20,
    coreCount: 4,
    hasFailedTrials: true,
  };

  test('fills the rows exactly', () => {
    const layout = planFullLayout(base);
    const used =
      HEADER_LINES +
      1 +
      layout.workerLines +
      systemPanelLines(base.coreCount, base.columns) +
      2 +
      layout.finishedLines +
      1 +
      FOOTER_LINES;

    expect(used).toBe(24);
  });

  test('gives every worker a row when there is room', () => {
    expect(planFullLayout(base).workerLines).toBe(4);
  });

  test('gives each host a line above its threads', () => {
    expect(planFullLayout({ ...base, hostCount: 2 }).workerLines).toBe(6);
  });

  test('keeps finished rows when workers are many', () => {
    const layout = planFullLayout({ ...base, workerCount: 32 });

    expect(layout.finishedLines).toBe(3);
  });
});
