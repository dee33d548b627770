import { Box, Text } from 'ink';
import { colors, glyphs } from '../theme.js';

/** Narrowest footer that names the space key next to p. */
const SPACE_KEY_MIN_WIDTH = 50;

export type FooterProps = {
  readonly isRunPaused: boolean;
  readonly isHelpVisible: boolean;
  /** Cells the line may take. */
  readonly width: number;
};

type KeyProps = { readonly keys: string; readonly action: string };

/** Draws the key hints on one line. */
export function Footer({ isRunPaused, isHelpVisible, width }: FooterProps) {
  const separator = <Text color={colors.muted}> {glyphs.separator} </Text>;

  return (
    <Box width={width}>
      <Text wrap="truncate">
        <Key
          keys={width >= SPACE_KEY_MIN_WIDTH ? 'space/p' : 'p'}
          action={isRunPaused ? 'resume' : 'pause'}
        />
        {separator}
        <Key keys="+/-" action="workers" />
        {separator}
        <Key keys="?" action={isHelpVisible ? 'close help' : 'help'} />
        {separator}
        <Key keys="q" action="quit" />
      </Text>
    </Box>
  );
}

function Key({ keys, action }: KeyProps) {
  return (
    <Text>
      <Text bold color={colors.accent}>
        {keys}
      </Text>
      <Text color={colors.muted}> {action}</Text>
    </Text>
  );
}
