/** Arithmetic mean; NaN for no values. */
export function mean(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0) / values.length;
}

/** Population standard deviation: how far folds spread around their mean. */
export function standardDeviation(values: readonly number[]): number {
  const center = mean(values);

  return Math.sqrt(mean(values.map((value) => (value - center) ** 2)));
}
