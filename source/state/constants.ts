/**
 * Points of a trial's test-accuracy curve over its trees: enough for the
 * widest sparkline, and fixed, so memory stays bounded however many chunks
 * a trial has.
 */
export const CURVE_POINTS = 48;

/** Minimum active time between two samples of the sweep's progress, in ms. */
export const PROGRESS_SAMPLE_MS = 1_000;

/**
 * Samples of progress the ETA looks back over: at one a second, the last
 * 15 seconds, so a resized pool shows in the estimate within seconds.
 */
export const PROGRESS_SAMPLES = 15;

/** How long a crashed worker's row stays on screen after it died, in ms. */
export const FAILED_WORKER_ROW_MS = 10_000;

/**
 * Rise of a trial's test score that counts as an improvement. Smaller
 * rises are noise, and the plateau alert counts chunks without a larger one.
 */
export const SCORE_GAIN_EPSILON = 0.001;
