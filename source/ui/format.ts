import type { TrialParams } from '../plan/trial-spec.js';
import type { TrialMetrics } from '../state/events.js';
import { standardDeviation } from '../state/statistics.js';
import { glyphs } from './theme.js';

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

const MS_PER_SECOND = 1000;
const SECONDS_PER_MINUTE = 60;
const SECONDS_PER_HOUR = 3600;
const SECONDS_PER_DAY = 86_400;

/**
 * Digits after the point in scores. One row of the 150 in iris moves an
 * accuracy by 0.0067, which two digits would hide.
 */
const SCORE_DIGITS = 3;

/**
 * Widest score text, as in "-0.123". An R² far below 0 loses decimals to
 * stay this narrow, so score columns keep their gaps.
 */
export const SCORE_MAX_CELLS = 6;

/** Significant digits of an error such as the RMSE, whose scale varies. */
const ERROR_DIGITS = 3;

/** Widest error text, as in "1.23e+4". */
export const ERROR_MAX_CELLS = 7;

function isReading(value: number | null): value is number {
  return value !== null && Number.isFinite(value);
}

/**
 * Formats a byte count with binary units: "512 B", "1.2 GiB", "120 MiB".
 * Values under 100 of their unit keep one decimal.
 */
export function formatBytes(bytes: number | null): string {
  if (!isReading(bytes) || bytes < 0) {
    return glyphs.notAvailable;
  }

  const unit = pickByteUnit(bytes);

  return `${formatInUnit(bytes, unit)} ${BYTE_UNITS[unit]}`;
}

/** Formats used and total bytes in the unit of the total: "9.3/16.0 GiB". */
export function formatBytesOf(
  usedBytes: number | null,
  totalBytes: number | null,
): string {
  if (!isReading(usedBytes) || !isReading(totalBytes) || totalBytes <= 0) {
    return glyphs.notAvailable;
  }

  const unit = pickByteUnit(totalBytes);
  const used = formatInUnit(Math.max(0, usedBytes), unit);
  const total = formatInUnit(totalBytes, unit);

  return `${used}/${total} ${BYTE_UNITS[unit]}`;
}

/**
 * Returns used memory as a percent of the total, or null when either
 * reading is missing or the total is not positive.
 */
export function memoryPercent(used: number | null, total: number | null) {
  if (used === null || total === null || total <= 0) {
    return null;
  }

  return (used / total) * 100;
}

function pickByteUnit(bytes: number): number {
  let unit = 0;
  while (bytes >= 1024 ** (unit + 1) && unit < BYTE_UNITS.length - 1) {
    unit += 1;
  }

  return unit;
}

function formatInUnit(bytes: number, unit: number): string {
  const value = bytes / 1024 ** unit;
  if (unit === 0) {
    return String(Math.round(value));
  }

  return value.toFixed(value < 100 ? 1 : 0);
}

/**
 * Formats a duration with its two largest units, truncated to whole units:
 * "12s", "1m05s", "1h02m", "2d03h".
 */
export function formatDuration(ms: number | null): string {
  if (!isReading(ms) || ms < 0) {
    return glyphs.notAvailable;
  }

  const seconds = Math.floor(ms / MS_PER_SECOND);
  if (seconds < SECONDS_PER_MINUTE) {
    return `${seconds}s`;
  }

  if (seconds < SECONDS_PER_HOUR) {
    const minutes = Math.floor(seconds / SECONDS_PER_MINUTE);

    return `${minutes}m${pad2(seconds % SECONDS_PER_MINUTE)}s`;
  }

  if (seconds < SECONDS_PER_DAY) {
    const hours = Math.floor(seconds / SECONDS_PER_HOUR);
    const minutes = Math.floor(
      (seconds % SECONDS_PER_HOUR) / SECONDS_PER_MINUTE,
    );

    return `${hours}h${pad2(minutes)}m`;
  }

  const days = Math.floor(seconds / SECONDS_PER_DAY);
  const hours = Math.floor((seconds % SECONDS_PER_DAY) / SECONDS_PER_HOUR);

  return `${days}d${pad2(hours)}h`;
}

/**
 * Formats a duration as `1.2s` under a minute, `2m05s` under an hour, and
 * `1h02m` from there, rounded to the last unit shown. Unlike formatDuration
 * it keeps tenths of a second, because trials on a small data set often
 * take less than one.
 */
export function formatTrainingTime(durationMs: number): string {
  const ms = Math.max(0, durationMs);
  const tenths = Math.round(ms / 100);
  if (tenths < 600) {
    return `${(tenths / 10).toFixed(1)}s`;
  }

  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) {
    return `${Math.floor(seconds / 60)}m${pad2(seconds % 60)}s`;
  }

  const minutes = Math.round(ms / 60_000);

  return `${Math.floor(minutes / 60)}h${pad2(minutes % 60)}m`;
}

/** Formats a value given in percent, rounded to a whole number: "42%". */
export function formatPercent(percent: number | null): string {
  if (!isReading(percent)) {
    return glyphs.notAvailable;
  }

  return `${Math.round(percent)}%`;
}

/**
 * Formats a score (accuracy, or R² which can be negative) with three
 * decimals: "0.967", "-0.123". Scores below -9.9995 keep fewer decimals so
 * the text stays within SCORE_MAX_CELLS: "-12.35", "-123.5".
 */
export function formatScore(score: number | null): string {
  if (!isReading(score)) {
    return glyphs.notAvailable;
  }

  const text = score.toFixed(SCORE_DIGITS);
  if (text.length <= SCORE_MAX_CELLS) {
    return text;
  }

  // The sign and the point take two cells, the whole part the next ones.
  const wholeDigits = Math.abs(score).toFixed(0).length;
  const digits = Math.max(0, SCORE_MAX_CELLS - 2 - wholeDigits);

  return score.toFixed(digits);
}

/**
 * Formats the latest score of a trial still training. Before its first
 * chunk is measured the value is not known yet, so it shows "—", not N/A.
 */
export function formatRunningScore(score: number | null): string {
  return score === null ? glyphs.unknown : formatScore(score);
}

/**
 * Formats a mean score and the standard deviation of the fold scores it
 * averages: "0.953±0.021". With fewer than two folds there is no spread, and
 * the score shows alone.
 */
export function formatScoreWithSpread(
  score: number | null,
  foldScores: readonly number[],
): string {
  const spread = foldSpread(foldScores);
  if (!isReading(score) || spread === null) {
    return formatScore(score);
  }

  return `${formatScore(score)}${formatSpread(spread)}`;
}

/** Formats a standard deviation of scores: "±0.021". */
export function formatSpread(spread: number): string {
  return `±${formatScore(spread)}`;
}

/**
 * Returns the population standard deviation of fold scores, or null for
 * fewer than two folds.
 */
export function foldSpread(foldScores: readonly number[]): number | null {
  return foldScores.length < 2 ? null : standardDeviation(foldScores);
}

/**
 * Formats an error in the target's unit, such as the RMSE, with three
 * significant digits: "0.412", "12.3", "1.23e+4". Errors from 1e-9 to
 * 9.99e9 fit in ERROR_MAX_CELLS.
 */
export function formatError(error: number | null): string {
  if (!isReading(error)) {
    return glyphs.notAvailable;
  }

  const text = error.toPrecision(ERROR_DIGITS);

  return text.length <= ERROR_MAX_CELLS
    ? text
    : error.toExponential(ERROR_DIGITS - 1);
}

/**
 * Formats a finished forest's own measure: macro F1 for classification, test
 * RMSE for regression, or N/A when the run did not record it.
 */
export function formatTrialMetric(metrics: TrialMetrics | null): string {
  if (metrics === null) {
    return glyphs.notAvailable;
  }

  return metrics.task === 'classification'
    ? formatScore(metrics.macroF1)
    : formatError(metrics.testRmse);
}

/**
 * Formats trial parameters compactly: T trees, f max features, d max depth
 * and s seed, as in "T200 f2 d3 s1".
 */
export function formatTrialParams(params: TrialParams): string {
  const { trees, maxFeatures, maxDepth, seed } = params;

  return `T${trees} f${maxFeatures} d${maxDepth} s${seed}`;
}

/**
 * Joins the lines of a text with single spaces, so an error message with line
 * breaks cannot add lines to a fixed layout.
 */
export function toOneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
