import type { AlertRule } from '../state/events.js';

/** The parts of an alert that its line shows. */
export type AlertLineParts = {
  readonly rule: AlertRule;
  readonly message: string;
  /** Thread of a stalled worker; other rules name their subject inside. */
  readonly workerId?: number | null;
};

/**
 * Returns the fields of an alert's line: the rule, the worker when there
 * is one, and the message, as in `stalled`, `w3`, `no progress for 5.0s
 * on t12`.
 */
export function alertFields(alert: AlertLineParts): string[] {
  const worker =
    alert.workerId === undefined || alert.workerId === null
      ? []
      : [`w${alert.workerId}`];

  return [alert.rule, ...worker, alert.message];
}
