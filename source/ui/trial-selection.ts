/**
 * Returns the selected finished trial: the one the user picked while it is
 * still ranked, otherwise the best one, or null before any trial finished.
 * Following the best by default keeps the marker on the top row until the
 * user moves it.
 */
export function resolveSelection(
  rankedIds: readonly string[],
  pickedId: string | null,
): string | null {
  if (pickedId !== null && rankedIds.includes(pickedId)) {
    return pickedId;
  }

  return rankedIds[0] ?? null;
}

/**
 * Returns the trial `step` rows below the selected one in the ranking
 * (above for a negative step), stopping at the first and the last row.
 */
export function stepSelection(
  rankedIds: readonly string[],
  pickedId: string | null,
  step: number,
): string | null {
  const selected = resolveSelection(rankedIds, pickedId);
  if (selected === null) {
    return null;
  }

  const index = rankedIds.indexOf(selected) + step;
  const clamped = Math.min(rankedIds.length - 1, Math.max(0, index));

  return rankedIds[clamped] ?? null;
}
