/** A running sampler. `stop` clears its timer and ends its events. */
export type Sampler = {
  readonly stop: () => void;
};

/** Throws a RangeError unless `intervalMs` is a whole number of ms above 0. */
export function assertIntervalMs(intervalMs: number): void {
  if (!Number.isSafeInteger(intervalMs) || intervalMs < 1) {
    throw new RangeError(
      `Invalid sampler interval ${intervalMs} ms: expected a whole number ` +
        'of milliseconds of at least 1.',
    );
  }
}
