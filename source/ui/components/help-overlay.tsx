import { Box, Text } from 'ink';
import { fitText, textWidth } from '../text-cells.js';
import { listKeyBindings, type KeyBinding } from '../key-bindings.js';
import { cutList } from '../layout.js';
import { colors, glyphs } from '../theme.js';
import { MoreLine } from './more-line.js';
import { SectionTitle } from './section-title.js';

/** Narrowest key column, and blank cells after the longest keys. */
const MIN_KEYS_WIDTH = 12;
const KEYS_GAP = 2;

/** Lines of the help's title rule. */
const TITLE_LINES = 1;

/** Glyph and letter legends, most useful first, so the last is cut first. */
const LEGEND_LINES: readonly string[] = [
  [
    `${glyphs.barFilled} trees grown`,
    `${glyphs.barEmpty} trees to grow`,
    `${glyphs.barFailed} failed`,
    `${glyphs.barUnknown} not measured`,
  ].join('   '),
  'T trees   f max features   d max depth   s seed',
  'acc accuracy   R² coefficient of determination   ± SD of fold scores',
  `${glyphs.selected} selected trial   F1 macro F1   RMSE root mean squared error`,
  [
    `${glyphs.notAvailable} reading not taken`,
    `${glyphs.unknown} not known yet`,
  ].join('   '),
];

/** The legend of a queued run, whose worker processes can be selected. */
const HOST_LEGEND_LINES: readonly string[] = LEGEND_LINES.map((line) =>
  line.replace(
    `${glyphs.selected} selected trial`,
    `${glyphs.selected} selected trial or host`,
  ),
);

export type HelpOverlayProps = {
  /** Cells each line may take. Longer lines end in an ellipsis. */
  readonly width: number;
  /** Lines the help takes, padded with blank lines when it needs fewer. */
  readonly height: number;
  /**
   * Lists Tab and the keys that resize the selected worker process of a
   * queued run, in place of the pool keys. Default false.
   */
  readonly hasHostKeys?: boolean;
};

/** Lines of the help that fit a height, and the key rows left out. */
type HelpPlan = {
  readonly keys: readonly KeyBinding[];
  readonly keysWidth: number;
  readonly hiddenKeyCount: number;
  readonly legend: readonly string[];
};

/**
 * Draws every key and a legend of the glyphs and parameter letters in
 * `height` lines. When they do not fit, legend lines go first, then key rows
 * give way to a "+N more keys" line.
 */
export function HelpOverlay({
  width,
  height,
  hasHostKeys = false,
}: HelpOverlayProps) {
  const lines = Math.max(0, Math.floor(height));
  if (lines < TITLE_LINES) {
    return null;
  }

  const plan = planHelp(lines - TITLE_LINES, hasHostKeys);

  return (
    <Box flexDirection="column" width={width} height={lines}>
      <SectionTitle title="Help" width={width} />
      {plan.keys.map((binding) => (
        <KeyRow
          key={binding.keys}
          binding={binding}
          keysWidth={plan.keysWidth}
        />
      ))}
      <MoreLine count={plan.hiddenKeyCount} noun="keys" />
      {plan.legend.length > 0 ? <Text> </Text> : null}
      {plan.legend.map((line) => (
        <Text key={line} wrap="truncate" color={colors.muted}>
          {line}
        </Text>
      ))}
    </Box>
  );
}

type KeyRowProps = {
  readonly binding: KeyBinding;
  readonly keysWidth: number;
};

function KeyRow({ binding, keysWidth }: KeyRowProps) {
  return (
    <Text wrap="truncate">
      <Text bold color={colors.accent}>
        {fitText(binding.keys, keysWidth)}
      </Text>
      <Text>{binding.action}</Text>
    </Text>
  );
}

/**
 * Shares the lines under the title: every key first, then a blank line and
 * as many legend lines as fit.
 */
function planHelp(bodyLines: number, hasHostKeys: boolean): HelpPlan {
  const bindings = listKeyBindings(hasHostKeys);
  const { visibleItems, hiddenCount } = cutList(bindings, bodyLines);
  const keysWidth = Math.max(
    MIN_KEYS_WIDTH,
    ...bindings.map((binding) => textWidth(binding.keys) + KEYS_GAP),
  );
  const blankLine = 1;
  const legendRoom = bodyLines - visibleItems.length - blankLine;
  const legendLines = hasHostKeys ? HOST_LEGEND_LINES : LEGEND_LINES;
  const legend = legendLines.slice(0, Math.max(0, legendRoom));

  return {
    keys: visibleItems,
    keysWidth,
    hiddenKeyCount: hiddenCount,
    legend,
  };
}
