import { Text } from 'ink';
import { colors, glyphs } from '../theme.js';

export type MoreLineProps = {
  /** Items of a list that did not fit below it. */
  readonly count: number;
  /** Plural noun for the items, such as "workers". Default none. */
  readonly noun?: string;
  /** Items scrolled out above the list. Default 0. */
  readonly aboveCount?: number;
};

/**
 * Draws the "+N more" note under a list that was cut to fit, led by
 * "+N above" when the list scrolled. Renders nothing when nothing was cut.
 */
export function MoreLine({ count, noun, aboveCount = 0 }: MoreLineProps) {
  const parts: string[] = [];
  if (aboveCount > 0) {
    parts.push(`+${aboveCount} above`);
  }

  if (count > 0) {
    parts.push(
      noun === undefined ? `+${count} more` : `+${count} more ${noun}`,
    );
  }

  if (parts.length === 0) {
    return null;
  }

  return (
    <Text wrap="truncate" color={colors.muted}>
      {`  ${parts.join(` ${glyphs.separator} `)}`}
    </Text>
  );
}
