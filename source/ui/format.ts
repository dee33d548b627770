import type { TrialParams } from '../plan/trial-spec.js';
import { glyphs } from './theme.js';

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

const MS_PER_SECOND = 1000;
const SECONDS_PER_MINUTE = 60;
const SECONDS_PER_HOUR = 3600;
const SECONDS_PER_DAY = 86_400;

/**
 * Digits after the point in accuracies. One row of the 150 in iris moves an
 * accuracy by 0.0067, which two digits would hide.
 */
const ACCURACY_DIGITS = 3;

export type TextAlign = 'left' | 'right';

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

/** Formats an accuracy fraction in [0, 1] with three decimals: "0.967". */
export function formatAccuracy(fraction: number | null): string {
  if (!isReading(fraction)) {
    return glyphs.notAvailable;
  }

  return fraction.toFixed(ACCURACY_DIGITS);
}

/**
 * Formats the latest accuracy of a trial still training. Before its first
 * chunk is measured the value is not known yet, so it shows "—", not N/A.
 */
export function formatRunningAccuracy(fraction: number | null): string {
  return fraction === null ? glyphs.unknown : formatAccuracy(fraction);
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
 * Fits text to exactly `width` cells: pads short text with spaces and cuts
 * long text with an ellipsis.
 *
 * NOTE: counts one cell per code point, so wide characters such as CJK make
 * the result wider than `width`. Lines that can hold user text also render
 * with Ink's `wrap="truncate"`, which measures real cell widths.
 */
export function fitText(
  text: string,
  width: number,
  align: TextAlign = 'left',
): string {
  const cells = Math.max(0, Math.floor(width));
  const characters = [...text];
  if (characters.length > cells) {
    return cells === 0
      ? ''
      : characters.slice(0, cells - 1).join('') + glyphs.ellipsis;
  }

  const padding = ' '.repeat(cells - characters.length);

  return align === 'left' ? text + padding : padding + text;
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
