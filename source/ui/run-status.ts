import type { RunState } from '../state/run-state.js';
import { selectEtaMs } from '../state/selectors.js';
import { formatDuration } from './format.js';
import { colors, glyphs, type ThemeColor } from './theme.js';

/** Text of a status slot and its colour. */
export type StatusText = {
  readonly text: string;
  readonly color: ThemeColor;
};

/**
 * Describes the ETA slot: the estimated time left, or why there is none.
 * Shows "paused" while paused, because paused time stops the estimate.
 */
export function describeEta(state: RunState): StatusText {
  if (state.finishedAt !== null) {
    return state.finishReason === 'stopped'
      ? { text: 'stopped', color: colors.warn }
      : { text: 'done', color: colors.good };
  }

  if (state.isPaused) {
    return { text: 'paused', color: colors.warn };
  }

  const etaMs = selectEtaMs(state);

  return etaMs === null
    ? { text: glyphs.unknown, color: colors.muted }
    : { text: formatDuration(etaMs), color: colors.accent };
}
