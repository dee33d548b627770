import { Text } from 'ink';
import { formatPercent } from '../format.js';
import { fitText, textWidth } from '../text-cells.js';
import { colors, glyphs, loadColor } from '../theme.js';
import { ProgressBar } from './progress-bar.js';

const PERCENT_WIDTH = 4;

export type ResourceMeterProps = {
  readonly label: string;
  /** Cells for the label, padded or cut. Default: the label's length + 1. */
  readonly labelWidth?: number;
  /** Load in percent, or null when the reading could not be taken. */
  readonly percent: number | null;
  /** Cells of the bar. */
  readonly barWidth: number;
  /** Text after the percent, such as "9.3/16.0 GiB". Default none. */
  readonly detail?: string;
};

/**
 * Draws a label, a load bar coloured by level and the percent. A missing
 * reading draws dotted cells and N/A, so it never reads as 0%.
 */
export function ResourceMeter({
  label,
  labelWidth = textWidth(label) + 1,
  percent,
  barWidth,
  detail,
}: ResourceMeterProps) {
  const percentText = fitText(formatPercent(percent), PERCENT_WIDTH, 'right');

  return (
    <Text>
      <Text color={colors.muted}>{fitText(label, labelWidth)}</Text>
      {percent === null ? (
        <Text color={colors.muted}>{glyphs.barUnknown.repeat(barWidth)}</Text>
      ) : (
        <ProgressBar
          value={percent / 100}
          width={barWidth}
          color={loadColor(percent)}
        />
      )}
      <Text color={loadColor(percent)}> {percentText}</Text>
      {detail === undefined ? null : (
        <Text color={colors.muted}> {detail}</Text>
      )}
    </Text>
  );
}
