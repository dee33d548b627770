import { alertFields } from '../alerts/alert-text.js';
import type { AlertRule } from '../state/events.js';
import type { RunState } from '../state/run-state.js';

/** Active alerts listed in the summary; the rest are counted. */
const ALERTS_SHOWN = 10;

/** Order of the rules in the summary's counts. */
const RULE_ORDER: readonly AlertRule[] = [
  'trial-failed',
  'stalled',
  'memory',
  'overfitting',
  'plateau',
];

/**
 * Returns the summary's alert lines: how many were raised, by rule, and
 * the alerts still active, oldest first. Returns no lines for a run that
 * raised none.
 */
export function formatAlertSummary(state: RunState): string[] {
  const { active, raisedCount, raisedByRule } = state.alerts;
  if (raisedCount === 0) {
    return [];
  }

  const byRule = RULE_ORDER.flatMap((rule) => {
    const count = raisedByRule[rule] ?? 0;

    return count > 0 ? [`${count} ${rule}`] : [];
  });
  const title =
    `Alerts: ${raisedCount} raised (${byRule.join(', ')}), ` +
    (active.length === 0 ? 'none active.' : `${active.length} active:`);
  const shown = active.slice(0, ALERTS_SHOWN);
  const hidden = active.length - shown.length;

  return [
    title,
    ...shown.map((alert) => alertFields(alert).join('  ')),
    ...(hidden > 0 ? [`+${hidden} more`] : []),
  ];
}
