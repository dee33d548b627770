import { Box, Text } from 'ink';
import type { MonitorMode } from '../monitor-mode.js';
import { colors, glyphs } from '../theme.js';

/**
 * Narrowest footer that gets the long forms of its hints: the space key next
 * to p, and the full reason why keys are off.
 */
const LONG_HINTS_MIN_WIDTH = 50;

export type FooterProps = {
  /**
   * Whether the monitor reads keys. When false, the footer shows that keys
   * are off and that Ctrl+C, a signal rather than a key, still stops the run.
   */
  readonly isInteractive: boolean;
  /** The kind of run shown, which decides the keys offered. Default run. */
  readonly mode?: MonitorMode;
  readonly isRunPaused: boolean;
  /** Whether the help is open, which puts the key that closes it first. */
  readonly isHelpVisible: boolean;
  /** Cells the line may take. Longer lines end in an ellipsis. */
  readonly width: number;
};

type KeyProps = { readonly keys: string; readonly action: string };

/** Draws the key hints on one line. */
export function Footer({
  isInteractive,
  mode = 'run',
  isRunPaused,
  isHelpVisible,
  width,
}: FooterProps) {
  return (
    <Box width={width}>
      <Text wrap="truncate">
        {isInteractive && mode === 'watch' && !isHelpVisible ? (
          <WatchHints />
        ) : isInteractive && mode === 'replay' && !isHelpVisible ? (
          <ReplayHints isRunPaused={isRunPaused} />
        ) : isInteractive ? (
          <KeyHints
            isRunPaused={isRunPaused}
            isHelpVisible={isHelpVisible}
            width={width}
          />
        ) : (
          <KeysOff width={width} />
        )}
      </Text>
    </Box>
  );
}

function KeyHints({
  isRunPaused,
  isHelpVisible,
  width,
}: Omit<FooterProps, 'isInteractive' | 'mode'>) {
  if (isHelpVisible) {
    return (
      <Text>
        <Key keys="?/Esc" action="close help" />
        <Separator />
        <Key keys="q" action="quit" />
      </Text>
    );
  }

  return (
    <Text>
      <Key
        keys={width >= LONG_HINTS_MIN_WIDTH ? 'space/p' : 'p'}
        action={isRunPaused ? 'resume' : 'pause'}
      />
      <Separator />
      <Key keys="+/-" action="workers" />
      <Separator />
      <Key keys="?" action="help" />
      <Separator />
      <Key keys="q" action="quit" />
    </Text>
  );
}

function WatchHints() {
  return (
    <Text>
      <Text color={colors.warn}>watching</Text>
      <Text color={colors.muted}>: another process runs it</Text>
      <Separator />
      <Key keys="?" action="help" />
      <Separator />
      <Key keys="q" action="stop watching" />
    </Text>
  );
}

function ReplayHints({ isRunPaused }: Pick<FooterProps, 'isRunPaused'>) {
  return (
    <Text>
      <Text color={colors.warn}>replay</Text>
      <Separator />
      <Key keys="p" action={isRunPaused ? 'play' : 'pause'} />
      <Separator />
      <Key keys="+/-" action="speed" />
      <Separator />
      <Key keys="j" action="jump 10s" />
      <Separator />
      <Key keys="q" action="quit" />
    </Text>
  );
}

function KeysOff({ width }: Pick<FooterProps, 'width'>) {
  const reason =
    width >= LONG_HINTS_MIN_WIDTH ? 'input is not a terminal' : 'no terminal';

  return (
    <Text>
      <Text color={colors.warn}>keys off</Text>
      <Text color={colors.muted}>: {reason}</Text>
      <Separator />
      <Key keys="Ctrl+C" action="stops" />
    </Text>
  );
}

function Separator() {
  return <Text color={colors.muted}> {glyphs.separator} </Text>;
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
