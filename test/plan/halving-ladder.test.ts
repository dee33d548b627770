import { describe, expect, it } from 'vitest';

import { HalvingLadder } from '../../source/plan/halving-ladder.js';
import { createTestSpec } from '../ui/factories.js';

const options = { eta: 3, rungs: 3 };

describe('HalvingLadder', () => {
  it('decides a rung once every trial in it reached it', () => {
    const ladder = new HalvingLadder(options, 3);

    expect(ladder.reach(0, { trialId: 'a', testScore: 0.9 })).toBeNull();
    expect(ladder.reach(0, { trialId: 'b', testScore: 0.5 })).toBeNull();
    expect(ladder.reach(0, { trialId: 'c', testScore: 0.7 })).toEqual({
      rung: 0,
      kept: ['a'],
      pruned: [
        { trialId: 'c', testScore: 0.7 },
        { trialId: 'b', testScore: 0.5 },
      ],
    });
  });

  it('counts a trial that reached a rung twice once', () => {
    const ladder = new HalvingLadder(options, 2);

    expect(ladder.reach(0, { trialId: 'a', testScore: 0.9 })).toBeNull();
    expect(ladder.reach(0, { trialId: 'a', testScore: 0.8 })).toBeNull();
    expect(ladder.reach(0, { trialId: 'b', testScore: 0.5 })?.kept).toEqual([
      'a',
    ]);
  });

  it('decides without a trial that left the rung', () => {
    const ladder = new HalvingLadder(options, 3);
    ladder.reach(0, { trialId: 'a', testScore: 0.9 });
    ladder.reach(0, { trialId: 'b', testScore: 0.5 });

    expect(ladder.leave(0)?.kept).toEqual(['a']);
    // The next rung holds only the trial kept.
    expect(ladder.reach(1, { trialId: 'a', testScore: 0.95 })).toEqual({
      rung: 1,
      kept: ['a'],
      pruned: [],
    });
  });

  it('stops trials at a share of their trees until the last rung', () => {
    const ladder = new HalvingLadder(options, 1);
    const spec = createTestSpec({ params: { trees: 90 }, chunkSize: 10 });

    expect(ladder.stopAtTrees(spec, 0)).toBe(10);
    expect(ladder.stopAtTrees(spec, 1)).toBe(30);
    expect(ladder.stopAtTrees(spec, 2)).toBeUndefined();
  });
});
