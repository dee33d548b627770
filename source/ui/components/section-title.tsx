import { Box, Text } from 'ink';
import { textWidth } from '../text-cells.js';
import { colors, glyphs } from '../theme.js';

export type SectionTitleProps = {
  readonly title: string;
  /** Counts or status after the title, such as "4 of 4 running". */
  readonly detail?: string;
  /** Cells the title line fills with a rule. */
  readonly width: number;
};

/** Draws a panel's title on a rule: "─ Workers  4 of 4 running ───". */
export function SectionTitle({ title, detail, width }: SectionTitleProps) {
  const detailText = detail === undefined ? '' : `  ${detail}`;
  const used = 2 + textWidth(title) + textWidth(detailText) + 1;
  const rule = glyphs.rule.repeat(Math.max(0, width - used));

  return (
    <Box width={width}>
      <Text wrap="truncate">
        <Text color={colors.muted}>{glyphs.rule} </Text>
        <Text bold color={colors.title}>
          {title}
        </Text>
        <Text color={colors.muted}>
          {detailText} {rule}
        </Text>
      </Text>
    </Box>
  );
}
