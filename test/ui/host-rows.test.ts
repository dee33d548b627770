import { describe, expect, test } from 'vitest';
import {
  countHostLines,
  listHostIds,
  listHostRows,
  measureHostLabels,
  windowHostRows,
  type HostListRow,
} from '../../source/ui/host-rows.js';
import {
  createQueuedSweepState,
  createSweepState,
  createTestHost,
  createTestRunState,
} from './factories.js';

const sweep = { trialCount: 30, workerCount: 6, finishedCount: 4 };

const queued = createQueuedSweepState(sweep, [
  { hostId: 'gpu-box-4312', host: 'gpu-box', threads: 2 },
  { hostId: 'node-a-77', host: 'node-a', threads: 2 },
  { hostId: 'node-a-78', host: 'node-a', threads: 2 },
]);

/** Writes each row as a short text: "host gpu-box" or "w3". */
function describeRows(rows: readonly HostListRow[]): string[] {
  return rows.map((row) =>
    row.kind === 'host' ? `host ${row.label}` : `w${row.worker.id}`,
  );
}

describe('listHostRows', () => {
  test('lists each host before its threads', () => {
    expect(describeRows(listHostRows(queued) ?? [])).toEqual([
      'host gpu-box',
      'w1',
      'w2',
      'host node-a-77',
      'w3',
      'w4',
      'host node-a-78',
      'w5',
      'w6',
    ]);
  });

  test('returns null for a local run', () => {
    const local = createSweepState(sweep);

    expect(listHostRows(local)).toBeNull();
    expect(listHostIds(local)).toEqual([]);
    expect(countHostLines(local)).toBe(0);
  });

  test('labels a host not heard from by its id', () => {
    const state = createTestRunState({
      hosts: { 'gpu-box-4312': createTestHost() },
      workers: {
        1: { ...queued.workers[1]!, hostId: 'node-c-9' },
      },
    });

    expect(describeRows(listHostRows(state) ?? [])).toEqual([
      'host gpu-box',
      'host node-c-9',
      'w1',
    ]);
  });

  test('measures the widest label', () => {
    expect(measureHostLabels(listHostRows(queued) ?? [])).toBe(9);
  });
});

describe('listHostIds', () => {
  test('lists the hosts in list order', () => {
    expect(listHostIds(queued)).toEqual([
      'gpu-box-4312',
      'node-a-77',
      'node-a-78',
    ]);
    expect(countHostLines(queued)).toBe(3);
  });
});

describe('windowHostRows', () => {
  const rows = listHostRows(queued) ?? [];

  test('shows the top without a selection', () => {
    const rowWindow = windowHostRows(rows, 4, null);

    expect(describeRows(rowWindow.visibleItems)).toEqual([
      'host gpu-box',
      'w1',
      'w2',
    ]);
    expect(rowWindow.hiddenAfter).toBe(6);
  });

  test('shows the selected host with its threads', () => {
    const rowWindow = windowHostRows(rows, 4, 'node-a-78');

    expect(describeRows(rowWindow.visibleItems)).toEqual([
      'host node-a-78',
      'w5',
      'w6',
    ]);
    expect(rowWindow.hiddenBefore).toBe(6);
  });

  test('keeps the host of a cut group in sight', () => {
    const rowWindow = windowHostRows(rows, 3, 'node-a-77');

    expect(describeRows(rowWindow.visibleItems)).toEqual([
      'host node-a-77',
      'w3',
    ]);
  });
});
