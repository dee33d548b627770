import { Box, Text } from 'ink';
import { COMPACT_MIN_COLUMNS, COMPACT_MIN_ROWS } from '../constants.js';
import { colors } from '../theme.js';

export type TerminalTooSmallProps = {
  readonly columns: number;
  readonly rows: number;
};

/**
 * Tells the user the terminal size and the minimum the monitor needs. The
 * message wraps to the width and is cut at the last row.
 */
export function TerminalTooSmall({ columns, rows }: TerminalTooSmallProps) {
  const message =
    `Terminal too small: ${columns}x${rows}, ` +
    `need at least ${COMPACT_MIN_COLUMNS}x${COMPACT_MIN_ROWS}.`;

  return (
    <Box
      width={Math.max(1, columns)}
      height={Math.max(1, rows)}
      overflow="hidden"
    >
      <Text color={colors.warn}>{message}</Text>
    </Box>
  );
}
