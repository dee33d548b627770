import { BAD_PERCENT, WARN_PERCENT } from './constants.js';

/**
 * Semantic colours. Components name the meaning, and this table picks the
 * terminal colour, so a palette change touches one place.
 */
export const colors = {
  /** Healthy readings and good results. */
  good: 'green',
  /** Readings that need attention, and the paused state. */
  warn: 'yellow',
  /** Failures and overloaded resources. */
  bad: 'red',
  /** Secondary text: labels, rules, missing readings. */
  muted: 'gray',
  /** Identifiers and values the eye should find first. */
  accent: 'cyan',
  /** Panel titles. */
  title: 'blueBright',
} as const;

export type ThemeColor = (typeof colors)[keyof typeof colors];

/**
 * Glyphs, each one terminal cell wide. Filled, empty, failed and unknown bar
 * cells differ in shape, not only in colour, so frames without colour still
 * tell them apart.
 */
export const glyphs = {
  barFilled: '█',
  barEmpty: '░',
  barFailed: '╳',
  /** Bar cell of a reading that could not be taken. */
  barUnknown: '·',
  /** Sparkline levels, lowest first. */
  sparkline: ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'],
  notAvailable: 'N/A',
  /** Value not known yet, such as the ETA before the first tree. */
  unknown: '—',
  ellipsis: '…',
  separator: '·',
  /** Marks the selected row, so the selection shows without colour. */
  selected: '›',
  rule: '─',
  /** Leads the alert bar. */
  alert: '!',
} as const;

/** Picks the colour of a load reading given in percent. */
export function loadColor(percent: number | null): ThemeColor {
  if (percent === null) {
    return colors.muted;
  }

  if (percent >= BAD_PERCENT) {
    return colors.bad;
  }

  return percent >= WARN_PERCENT ? colors.warn : colors.good;
}
