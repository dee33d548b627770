import { describe, expect, it } from 'vitest';

import {
  DEFAULT_HALVING,
  promote,
  rungTrees,
} from '../../source/plan/halving.js';

describe('rungTrees', () => {
  it('grows a ninth, a third and all the trees by default', () => {
    const rungs = [0, 1, 2].map((rung) =>
      rungTrees(900, 10, rung, DEFAULT_HALVING),
    );

    expect(rungs).toEqual([100, 300, 900]);
  });

  it('rounds up to whole chunks within the forest', () => {
    expect(rungTrees(100, 10, 0, DEFAULT_HALVING)).toBe(20);
    expect(rungTrees(20, 10, 0, DEFAULT_HALVING)).toBe(10);
    expect(rungTrees(5, 10, 0, DEFAULT_HALVING)).toBe(5);
  });

  it('grows every tree with a single rung', () => {
    expect(rungTrees(450, 10, 0, { eta: 2, rungs: 1 })).toBe(450);
  });
});

describe('promote', () => {
  it('keeps the best third by test score', () => {
    const results = [0.9, 0.5, 0.7, 0.95, 0.6, 0.8].map((testScore, i) => ({
      trialId: `t${i + 1}`,
      testScore,
    }));

    expect(promote(results, DEFAULT_HALVING)).toEqual({
      kept: ['t4', 't1'],
      pruned: ['t6', 't3', 't5', 't2'],
    });
  });

  it('ranks missing scores last', () => {
    const results = [
      { trialId: 't3', testScore: 0.8 },
      { trialId: 't1', testScore: null },
      { trialId: 't2', testScore: 0.7 },
    ];

    expect(promote(results, { eta: 2, rungs: 3 })).toEqual({
      kept: ['t3', 't2'],
      pruned: ['t1'],
    });
  });

  it('breaks ties the same way every time, not by plan order', () => {
    const tied = Array.from({ length: 30 }, (_, index) => ({
      trialId: `t${String(index + 1).padStart(2, '0')}`,
      testScore: 0.9,
    }));

    const first = promote(tied, DEFAULT_HALVING);
    const reversed = promote([...tied].reverse(), DEFAULT_HALVING);

    expect(reversed).toEqual(first);
    expect(first.kept).toHaveLength(10);
    expect(first.kept).not.toEqual(tied.slice(0, 10).map((r) => r.trialId));
  });

  it('keeps a lone trial', () => {
    expect(
      promote([{ trialId: 't1', testScore: null }], DEFAULT_HALVING),
    ).toEqual({ kept: ['t1'], pruned: [] });
  });
});
