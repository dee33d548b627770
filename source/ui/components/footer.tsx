import { Box, Text } from 'ink';
import { Fragment } from 'react';
import { textWidth } from '../text-cells.js';
import type { MonitorMode } from '../monitor-mode.js';
import { colors, glyphs } from '../theme.js';

/**
 * Narrowest footer that gets the long forms of its hints: the space key next
 * to p, and the full reason why keys are off.
 */
const LONG_HINTS_MIN_WIDTH = 50;

/** Cells between two hints: " · ". */
const SEPARATOR_CELLS = 3;

/**
 * Drop rank of the analysis key: it stays after the arrows give way,
 * because a is hard to guess and the arrows are not.
 */
const ANALYSIS_DROP_RANK = 1.5;

/**
 * Screen above the footer: the full panels, the compact view, the key help,
 * one trial's details, or the analysis of what drives the test score.
 */
export type FooterScreen =
  'panels' | 'compact' | 'help' | 'detail' | 'analysis';

export type FooterProps = {
  /**
   * Whether the monitor reads keys. When false, the footer shows that keys
   * are off and that Ctrl+C, a signal rather than a key, still stops the run.
   */
  readonly isInteractive: boolean;
  /** The kind of run shown, which decides the keys offered. Default run. */
  readonly mode?: MonitorMode;
  readonly isRunPaused: boolean;
  /** The screen above, which decides the keys offered. Default panels. */
  readonly screen?: FooterScreen;
  /**
   * Whether a trial has finished, so the keys that select one and open its
   * details have something to act on. Default false.
   */
  readonly hasFinishedTrials?: boolean;
  /**
   * Whether Tab selects a worker process of a queued run, which + and -
   * then resize by one thread. Used in the run mode only, where this
   * process drives the run. Default false.
   */
  readonly hasHostKeys?: boolean;
  /** Cells the line may take. Longer lines end in an ellipsis. */
  readonly width: number;
};

/**
 * One item of the footer: a key and its action, or a note on the monitor's
 * state. Hints with a drop rank give way, lowest rank first, when the line
 * is too long.
 */
type Hint =
  | {
      readonly kind: 'key';
      readonly keys: string;
      readonly action: string;
      readonly dropRank?: number;
    }
  | { readonly kind: 'note'; readonly label: string; readonly detail?: string };

/** Draws the key hints on one line. */
export function Footer(props: FooterProps) {
  const hints = fitHints(listHints(props), props.width);

  return (
    <Box width={props.width}>
      <Text wrap="truncate">
        {hints.map((hint, index) => (
          <Fragment key={index}>
            {index > 0 ? <Separator /> : null}
            <HintText hint={hint} />
          </Fragment>
        ))}
      </Text>
    </Box>
  );
}

/** Lists the hints for the screen and mode, before any is dropped. */
function listHints({
  isInteractive,
  mode = 'run',
  isRunPaused,
  screen = 'panels',
  hasFinishedTrials = false,
  hasHostKeys = false,
  width,
}: FooterProps): Hint[] {
  const isWide = width >= LONG_HINTS_MIN_WIDTH;
  if (!isInteractive) {
    const reason = isWide ? 'input is not a terminal' : 'no terminal';

    return [note('keys off', reason), key('Ctrl+C', 'stops')];
  }

  const quit = key('q', mode === 'watch' ? 'stop watching' : 'quit');
  if (screen === 'help') {
    return [key('?/Esc', 'close help'), key('q', 'quit')];
  }

  if (screen === 'detail') {
    return [key('↑/↓', 'trial'), key('Enter/Esc', 'close'), quit];
  }

  if (screen === 'analysis') {
    return [key('a/Esc', 'close analysis'), key('?', 'help'), quit];
  }

  const trialKeys = hasFinishedTrials ? listTrialKeys(screen) : [];
  switch (mode) {
    case 'watch':
      return [
        note('watching', 'another process runs it'),
        ...trialKeys,
        key('?', 'help'),
        quit,
      ];
    case 'replay':
      return [
        note('replay'),
        key('p', isRunPaused ? 'play' : 'pause'),
        key('+/-', 'speed'),
        key('j', 'jump 10s'),
        ...trialKeys,
        quit,
      ];
    case 'run':
      return [
        // The space key gives way to the host keys, so they fit 80 columns
        // next to the trial keys.
        key(
          isWide && !hasHostKeys ? 'space/p' : 'p',
          isRunPaused ? 'resume' : 'pause',
        ),
        ...(hasHostKeys
          ? [key('Tab', 'host', 3), key('+/-', 'threads')]
          : [key('+/-', 'workers')]),
        ...trialKeys,
        key('?', 'help'),
        quit,
      ];
  }
}

/**
 * Lists the keys for finished trials: selecting one, its details and the
 * analysis of all of them. The compact view has no table to select in, so
 * it offers only the details of the selected trial and the analysis.
 */
function listTrialKeys(screen: 'panels' | 'compact'): Hint[] {
  const open = key('Enter', 'details', 2);
  const analysis = key('a', 'analysis', ANALYSIS_DROP_RANK);
  if (screen === 'compact') {
    return [open, analysis];
  }

  return [key('↑/↓', 'select', 1), open, analysis];
}

/** Drops hints, lowest drop rank first, until the line fits the width. */
function fitHints(hints: readonly Hint[], width: number): Hint[] {
  let visibleHints = [...hints];
  while (lineCells(visibleHints) > width) {
    const droppable = visibleHints.filter(
      (hint) => hint.kind === 'key' && hint.dropRank !== undefined,
    );
    const next = droppable.sort((a, b) => dropRankOf(a) - dropRankOf(b))[0];
    if (next === undefined) {
      break;
    }

    visibleHints = visibleHints.filter((hint) => hint !== next);
  }

  return visibleHints;
}

function dropRankOf(hint: Hint): number {
  return hint.kind === 'key' ? (hint.dropRank ?? 0) : 0;
}

function lineCells(hints: readonly Hint[]): number {
  const textCells = hints.reduce(
    (total, hint) => total + textWidth(hintText(hint)),
    0,
  );

  return textCells + SEPARATOR_CELLS * Math.max(0, hints.length - 1);
}

function hintText(hint: Hint): string {
  if (hint.kind === 'key') {
    return `${hint.keys} ${hint.action}`;
  }

  return hint.detail === undefined
    ? hint.label
    : `${hint.label}: ${hint.detail}`;
}

function key(keys: string, action: string, dropRank?: number): Hint {
  return dropRank === undefined
    ? { kind: 'key', keys, action }
    : { kind: 'key', keys, action, dropRank };
}

function note(label: string, detail?: string): Hint {
  return detail === undefined
    ? { kind: 'note', label }
    : { kind: 'note', label, detail };
}

function HintText({ hint }: { readonly hint: Hint }) {
  if (hint.kind === 'note') {
    return (
      <Text>
        <Text color={colors.warn}>{hint.label}</Text>
        {hint.detail === undefined ? null : (
          <Text color={colors.muted}>: {hint.detail}</Text>
        )}
      </Text>
    );
  }

  return (
    <Text>
      <Text bold color={colors.accent}>
        {hint.keys}
      </Text>
      <Text color={colors.muted}> {hint.action}</Text>
    </Text>
  );
}

function Separator() {
  return <Text color={colors.muted}> {glyphs.separator} </Text>;
}
