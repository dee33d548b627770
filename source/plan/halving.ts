// Successive halving with trees as the budget. Every trial starts, and each
// trains only to its first rung: a small share of its trees. Once every
// live trial reached the rung, the best 1/eta of them by test score go on
// to the next rung and the others stop, pruned. At the last rung the
// survivors grow all their trees.

/** Settings of a successive-halving search. */
export type HalvingOptions = {
  /** One in `eta` trials survives each rung. At least 2. */
  readonly eta: number;
  /** Rungs, the last one being each trial's full size. At least 1. */
  readonly rungs: number;
};

/** Three rungs at a ninth, a third and all of the trees, keeping a third. */
export const DEFAULT_HALVING: HalvingOptions = { eta: 3, rungs: 3 };

/** A trial's standing at a rung it reached. */
export type RungResult = {
  readonly trialId: string;
  /** Test score when it reached the rung, or null when it has none. */
  readonly testScore: number | null;
};

/** The trials that go on from a rung and the ones pruned there. */
export type Promotion = {
  readonly kept: readonly string[];
  readonly pruned: readonly string[];
};

/**
 * Returns the trees a trial of `trees` trees grows before rung `rung`,
 * counted from 0: `trees / eta^(rungs - 1 - rung)`, rounded up to a whole
 * chunk, at least one chunk and at most `trees`.
 */
export function rungTrees(
  trees: number,
  chunkSize: number,
  rung: number,
  { eta, rungs }: HalvingOptions,
): number {
  const share = eta ** -(rungs - 1 - rung);
  const chunks = Math.max(1, Math.ceil((trees * share) / chunkSize));

  return Math.min(trees, chunks * chunkSize);
}

/**
 * Keeps the best `ceil(n / eta)` results by test score and prunes the rest.
 * A missing score ranks last. Ties, common on small test sets, go by a hash
 * of the trial id: the same results always give the same promotion, but
 * plan order, and so the first seed, gets no advantage.
 */
export function promote(
  results: readonly RungResult[],
  { eta }: HalvingOptions,
): Promotion {
  const ranked = [...results].sort(
    (a, b) =>
      (b.testScore ?? -Infinity) - (a.testScore ?? -Infinity) ||
      hashId(a.trialId) - hashId(b.trialId) ||
      a.trialId.localeCompare(b.trialId),
  );
  const keep = Math.ceil(ranked.length / eta);

  return {
    kept: ranked.slice(0, keep).map((result) => result.trialId),
    pruned: ranked.slice(keep).map((result) => result.trialId),
  };
}

/** Returns the 32-bit FNV-1a hash of an id, to order ties evenly. */
function hashId(id: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index += 1) {
    hash ^= id.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }

  return hash;
}
