import { describe, expect, it } from 'vitest';

import type { RunEvent } from '../../source/state/events.js';
import { chunkRows, toCsv } from '../../source/store/export-run.js';

const progress = (trialId: string, treesDone: number, at: number) =>
  ({
    kind: 'trial-progress',
    at,
    trialId,
    workerId: 1,
    treesDone,
    elapsedMs: treesDone * 5,
    trainScore: 0.9,
    testScore: 0.8,
    oobScore: null,
  }) as const;

const startedAttempt = (trialId: string, attempt: number, at: number) =>
  ({
    kind: 'trial-started',
    at,
    trialId,
    workerId: 1,
    attempt,
    treesDone: 0,
  }) as const;

describe('chunkRows', () => {
  it('tags each chunk with its attempt', () => {
    const events: RunEvent[] = [
      startedAttempt('t1', 1, 1),
      progress('t1', 10, 2),
      startedAttempt('t1', 2, 3),
      progress('t1', 10, 4),
      progress('t1', 20, 5),
    ];

    expect(
      chunkRows(events).map((row) => [row.attempt, row.treesDone]),
    ).toEqual([
      [1, 10],
      [2, 10],
      [2, 20],
    ]);
  });
});

describe('toCsv', () => {
  it('quotes fields with commas, quotes and line breaks', () => {
    const rows = [
      { trial: 't1', error: 'worker exited, code 3' },
      { trial: 't2', error: 'said "no"\nthen stopped' },
      { trial: 't3', error: null },
    ];

    expect(toCsv(rows, ['trial', 'error'])).toBe(
      'trial,error\r\n' +
        't1,"worker exited, code 3"\r\n' +
        't2,"said ""no""\nthen stopped"\r\n' +
        't3,\r\n',
    );
  });
});
