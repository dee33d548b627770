import { Text } from 'ink';
import { colors, glyphs, type ThemeColor } from '../theme.js';

export type ProgressBarProps = {
  /** Fraction done, clamped to [0, 1]. NaN draws as 0. */
  readonly value: number;
  /** Cells the bar takes. */
  readonly width: number;
  /** Colour of the filled cells. Default accent. */
  readonly color?: ThemeColor;
  /** Draws every cell with the failed glyph. Default false. */
  readonly isFailed?: boolean;
};

/**
 * Draws a bar of filled and empty cells. A cell is filled only once its whole
 * share is done, so the bar is full only at 100%.
 */
export function ProgressBar({
  value,
  width,
  color = colors.accent,
  isFailed = false,
}: ProgressBarProps) {
  const cells = Math.max(0, Math.floor(width));
  if (isFailed) {
    return <Text color={colors.bad}>{glyphs.barFailed.repeat(cells)}</Text>;
  }

  const fraction = Number.isNaN(value) ? 0 : Math.min(1, Math.max(0, value));
  const filled = Math.floor(fraction * cells);

  return (
    <Text>
      <Text color={color}>{glyphs.barFilled.repeat(filled)}</Text>
      <Text color={colors.muted}>{glyphs.barEmpty.repeat(cells - filled)}</Text>
    </Text>
  );
}
