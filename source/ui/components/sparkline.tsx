import { Text } from 'ink';
import { colors, glyphs, type ThemeColor } from '../theme.js';

export type SparklineProps = {
  /**
   * Readings, oldest first, null for a cell with none. Only the last
   * `width` are drawn.
   */
  readonly values: readonly (number | null)[];
  /** Cells the line takes. Blanks pad the right of a short history. */
  readonly width: number;
  /** Value drawn as the lowest level. Default 0. */
  readonly min?: number;
  /** Value drawn as the highest level. Default 1. */
  readonly max?: number;
  /** Default accent. */
  readonly color?: ThemeColor;
};

/** Draws recent readings as one line of block glyphs, newest on the right. */
export function Sparkline({
  values,
  width,
  min = 0,
  max = 1,
  color = colors.accent,
}: SparklineProps) {
  const cells = Math.max(0, Math.floor(width));
  const recent = cells === 0 ? [] : values.slice(-cells);
  const line = recent
    .map((value) => (value === null ? ' ' : levelGlyph(value, min, max)))
    .join('');

  return <Text color={color}>{line.padEnd(cells)}</Text>;
}

function levelGlyph(value: number, min: number, max: number): string {
  const levels = glyphs.sparkline;
  const top = levels.length - 1;
  const position = scalePosition(value, min, max);

  return levels[Math.round(position * top)] ?? levels[0];
}

/** Returns where a value sits between min and max, clamped to [0, 1]. */
function scalePosition(value: number, min: number, max: number): number {
  const span = max - min;
  if (span <= 0) {
    // An empty range has no middle, so values at or above it draw at the top.
    return value >= max ? 1 : 0;
  }

  const position = (value - min) / span;
  if (Number.isNaN(position)) {
    return 0;
  }

  return Math.min(1, Math.max(0, position));
}
