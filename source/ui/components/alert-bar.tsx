import { Text } from 'ink';
import { alertFields } from '../../alerts/alert-text.js';
import type { AlertRule } from '../../state/events.js';
import type { ActiveAlert } from '../../state/run-state.js';
import { toOneLine } from '../format.js';
import { colors, glyphs } from '../theme.js';

/** Rules whose alerts show in the bad colour; the others warn. */
const BAD_RULES: ReadonlySet<AlertRule> = new Set(['trial-failed', 'memory']);

const FIELD_GAP = '  ';

export type AlertBarProps = {
  /** Active alerts, oldest first. */
  readonly alerts: readonly ActiveAlert[];
};

/**
 * Draws the most recent active alert on one line, cut to fit, with the
 * count of the others. Renders nothing while no alert is active.
 */
export function AlertBar({ alerts }: AlertBarProps) {
  const latest = alerts.at(-1);
  if (latest === undefined) {
    return null;
  }

  const color = BAD_RULES.has(latest.rule) ? colors.bad : colors.warn;
  const others = alerts.length - 1;

  return (
    <Text wrap="truncate">
      <Text bold color={color}>
        {`${glyphs.alert} `}
      </Text>
      {others > 0 ? (
        <Text color={colors.muted}>{`+${others} more${FIELD_GAP}`}</Text>
      ) : null}
      <Text color={color}>
        {alertFields({ ...latest, message: toOneLine(latest.message) }).join(
          FIELD_GAP,
        )}
      </Text>
    </Text>
  );
}
