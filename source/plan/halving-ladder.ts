import {
  promote,
  rungTrees,
  type HalvingOptions,
  type RungResult,
} from './halving.js';
import type { TrialSpec } from './trial-spec.js';

/** The decision of a rung, made once every trial still in it reached it. */
export type RungDecision = {
  readonly rung: number;
  /** Trials that go on to the next rung. */
  readonly kept: readonly string[];
  /** Trials stopped here, with the test score each had at the rung. */
  readonly pruned: readonly RungResult[];
};

/**
 * The rungs of one successive-halving search: which trials reached each
 * rung, how many are still training towards it, and what it decided. A
 * runner reports trials as they reach a rung or leave the search, and
 * trains on the trials each decision keeps. The runner keeps the
 * checkpoints.
 */
export class HalvingLadder {
  /** Results at each rung not decided yet, by rung. */
  private readonly results = new Map<number, Map<string, RungResult>>();
  /** Trials still in the search at each rung, by rung. */
  private readonly sizes = new Map<number, number>();

  /** `trialCount` trials start at rung 0. */
  constructor(
    private readonly options: HalvingOptions,
    trialCount: number,
  ) {
    this.sizes.set(0, trialCount);
  }

  /**
   * Returns the trees at which a trial stops for rung `rung`, or undefined
   * when it grows its whole forest: at the last rung, or when the rung's
   * share of the trees is all of them anyway.
   */
  stopAtTrees(spec: TrialSpec, rung: number): number | undefined {
    if (rung >= this.options.rungs - 1) {
      return undefined;
    }

    const { trees } = spec.params;
    const stopAt = rungTrees(trees, spec.chunkSize, rung, this.options);

    return stopAt < trees ? stopAt : undefined;
  }

  /**
   * Records a trial that reached rung `rung` with its test score there.
   * Returns the rung's decision once the last trial still in it reached
   * it, else null. A trial reported twice at one rung, as when a worker
   * trained it again, counts once.
   */
  reach(rung: number, result: RungResult): RungDecision | null {
    const results = this.results.get(rung) ?? new Map<string, RungResult>();
    results.set(result.trialId, result);
    this.results.set(rung, results);

    return this.decideIfComplete(rung);
  }

  /**
   * Takes a trial out of rung `rung`: it failed for good, or its forest
   * finished before the rung's trees. Returns the rung's decision when the
   * others had all reached it, else null.
   */
  leave(rung: number): RungDecision | null {
    this.sizes.set(rung, (this.sizes.get(rung) ?? 1) - 1);

    return this.decideIfComplete(rung);
  }

  private decideIfComplete(rung: number): RungDecision | null {
    const results = this.results.get(rung);
    if (results === undefined || results.size < (this.sizes.get(rung) ?? 0)) {
      return null;
    }

    this.results.delete(rung);
    const { kept, pruned } = promote([...results.values()], this.options);
    this.sizes.set(rung + 1, kept.length);

    return {
      rung,
      kept,
      pruned: pruned.map((trialId) => results.get(trialId)!),
    };
  }
}
