import { Box, Text } from 'ink';
import { fitText } from '../format.js';
import { KEY_BINDINGS } from '../key-bindings.js';
import { colors, glyphs } from '../theme.js';
import { SectionTitle } from './section-title.js';

const KEYS_WIDTH = 12;

const BAR_LEGEND = [
  `${glyphs.barFilled} trees grown`,
  `${glyphs.barEmpty} trees to grow`,
  `${glyphs.barFailed} failed`,
  `${glyphs.barUnknown} not measured`,
].join('   ');

const PARAMS_LEGEND = 'T trees   f max features   d max depth   s seed';

const READING_LEGEND = [
  `${glyphs.notAvailable} reading not taken`,
  `${glyphs.unknown} not known yet`,
].join('   ');

export type HelpOverlayProps = {
  /** Cells each line may take. */
  readonly width: number;
  /** Lines the help takes; lines past it are cut. */
  readonly height: number;
};

/** Draws every key and a legend of the glyphs and parameter letters. */
export function HelpOverlay({ width, height }: HelpOverlayProps) {
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <SectionTitle title="Help" width={width} />
      {KEY_BINDINGS.map((binding) => (
        <Text key={binding.keys} wrap="truncate">
          <Text bold color={colors.accent}>
            {fitText(binding.keys, KEYS_WIDTH)}
          </Text>
          <Text>{binding.action}</Text>
        </Text>
      ))}
      <Text> </Text>
      <Text wrap="truncate" color={colors.muted}>
        {BAR_LEGEND}
      </Text>
      <Text wrap="truncate" color={colors.muted}>
        {PARAMS_LEGEND}
      </Text>
      <Text wrap="truncate" color={colors.muted}>
        {READING_LEGEND}
      </Text>
    </Box>
  );
}
