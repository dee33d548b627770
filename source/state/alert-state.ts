import type { EventOf } from './events.js';
import type { AlertsState } from './run-state.js';

/**
 * Adds a raised alert to the active ones and counts it. An alert that is
 * already active stays as it was, so a repeated event counts once.
 */
export function raiseAlert(
  alerts: AlertsState,
  event: EventOf<'alert-raised'>,
): AlertsState {
  if (alerts.active.some((alert) => alert.alertId === event.alertId)) {
    return alerts;
  }

  const alert = {
    alertId: event.alertId,
    rule: event.rule,
    message: event.message,
    trialId: event.trialId ?? null,
    workerId: event.workerId ?? null,
    raisedAt: event.at,
  };

  return {
    active: [...alerts.active, alert],
    raisedCount: alerts.raisedCount + 1,
    raisedByRule: {
      ...alerts.raisedByRule,
      [event.rule]: (alerts.raisedByRule[event.rule] ?? 0) + 1,
    },
  };
}

/** Removes a cleared alert from the active ones; the counts stay. */
export function clearAlert(
  alerts: AlertsState,
  event: EventOf<'alert-cleared'>,
): AlertsState {
  const active = alerts.active.filter(
    (alert) => alert.alertId !== event.alertId,
  );

  return active.length === alerts.active.length
    ? alerts
    : { ...alerts, active };
}
