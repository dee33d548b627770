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
  /** Cells of the bar. 0 leaves the bar out and draws the percent alone. */
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
  const hasBar = barWidth > 0;

  return (
    <Text>
      <Text color={colors.muted}>{fitText(label, labelWidth)}</Text>
      {hasBar ? <MeterBar percent={percent} width={barWidth} /> : null}
      <Text color={loadColor(percent)}>
        {hasBar ? ` ${percentText}` : percentText}
      </Text>
      {detail === undefined ? null : (
        <Text color={colors.muted}> {detail}</Text>
      )}
    </Text>
  );
}

function MeterBar({
  percent,
  width,
}: {
  readonly percent: number | null;
  readonly width: number;
}) {
  if (percent === null) {
    return <Text color={colors.muted}>{glyphs.barUnknown.repeat(width)}</Text>;
  }

  return (
    <ProgressBar
      value={percent / 100}
      width={width}
      color={loadColor(percent)}
    />
  );
}
