/**
 * Points of a trial's test-accuracy curve over its trees: enough for the
 * widest sparkline, and fixed, so memory stays bounded however many chunks
 * a trial has.
 */
export const CURVE_POINTS = 48;

/** How long a crashed worker's row stays on screen after it died, in ms. */
export const FAILED_WORKER_ROW_MS = 10_000;
