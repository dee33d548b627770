import { MIN_SCORE_SPAN } from './constants.js';

/** Scores drawn as the lowest and the highest sparkline level. */
export type ScoreRange = {
  readonly min: number;
  readonly max: number;
};

/**
 * Picks a sparkline's scale from a trial's own curve: at least
 * MIN_SCORE_SPAN wide, with the best value at the top. Once the curve
 * reaches above 0, the floor stops at 0. An R² below 0 means the forest
 * predicts worse than the mean of the targets, and how far below hardly
 * matters. So such points draw at the lowest level instead of squashing the
 * rest of the curve. A curve that never reaches 0 spans its own values.
 */
export function scoreRange(curve: readonly (number | null)[]): ScoreRange {
  const measured = curve.filter((value) => value !== null);
  if (measured.length === 0) {
    return { min: 0, max: 1 };
  }

  // Anchored at the best value, so a flat curve draws high and any drop
  // shows below it.
  const max = Math.max(...measured);
  const lowest = Math.min(...measured);
  const floor = max > 0 ? Math.max(lowest, 0) : lowest;
  const span = Math.max(max - floor, MIN_SCORE_SPAN);

  return { min: max - span, max };
}

/**
 * Resamples a curve to `width` cells, each showing the score at the end of
 * its share of the trees. Cells stay in place as the trial grows, so each
 * chunk redraws only the cells it reached.
 */
export function sampleCurve(
  curve: readonly (number | null)[],
  width: number,
): (number | null)[] {
  return Array.from({ length: width }, (_, cell) => {
    const point = Math.ceil(((cell + 1) * curve.length) / width) - 1;

    return curve[point] ?? null;
  });
}
