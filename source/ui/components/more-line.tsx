import { Text } from 'ink';
import { colors } from '../theme.js';

export type MoreLineProps = {
  /** Items of a list that did not fit. Renders nothing at 0. */
  readonly count: number;
  /** Plural noun for the items, such as "workers". Default none. */
  readonly noun?: string;
};

/** Draws the "+N more" note under a list that was cut to fit. */
export function MoreLine({ count, noun }: MoreLineProps) {
  if (count <= 0) {
    return null;
  }

  const label = noun === undefined ? 'more' : `more ${noun}`;

  return (
    <Text wrap="truncate" color={colors.muted}>
      {`  +${count} ${label}`}
    </Text>
  );
}
