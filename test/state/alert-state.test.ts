import { describe, expect, it } from 'vitest';

import type { EventOf } from '../../source/state/events.js';
import { reduceRunEvent } from '../../source/state/reducer.js';
import { stateAfter } from '../alerts/alert-events.js';
import { createSpec, runStarted, START_AT } from '../cli/run-events.js';

const spec = createSpec(0);

function raised(alertId: string, atMs: number): EventOf<'alert-raised'> {
  const [rule] = alertId.split(':');

  return {
    kind: 'alert-raised',
    at: START_AT + atMs,
    alertId,
    rule: rule as EventOf<'alert-raised'>['rule'],
    message: `message of ${alertId}`,
    trialId: 't01',
  };
}

function cleared(alertId: string, atMs: number): EventOf<'alert-cleared'> {
  return { kind: 'alert-cleared', at: START_AT + atMs, alertId };
}

describe('reducer alerts', () => {
  it('starts a run with no alerts', () => {
    const { alerts } = stateAfter([runStarted([spec])]);

    expect(alerts).toEqual({ active: [], raisedCount: 0, raisedByRule: {} });
  });

  it('keeps active alerts in the order raised', () => {
    const { alerts } = stateAfter([
      runStarted([spec]),
      raised('plateau:t01', 100),
      raised('stalled:w3', 200),
    ]);

    expect(alerts.active.map((alert) => alert.alertId)).toEqual([
      'plateau:t01',
      'stalled:w3',
    ]);
    expect(alerts.active[0]).toEqual({
      alertId: 'plateau:t01',
      rule: 'plateau',
      message: 'message of plateau:t01',
      trialId: 't01',
      workerId: null,
      raisedAt: START_AT + 100,
    });
  });

  it('drops a cleared alert but keeps its count', () => {
    const { alerts } = stateAfter([
      runStarted([spec]),
      raised('stalled:w3', 100),
      cleared('stalled:w3', 200),
      raised('stalled:w3', 300),
      cleared('stalled:w3', 400),
    ]);

    expect(alerts.active).toEqual([]);
    expect(alerts.raisedCount).toBe(2);
    expect(alerts.raisedByRule).toEqual({ stalled: 2 });
  });

  it('counts a repeated raise once', () => {
    const { alerts } = stateAfter([
      runStarted([spec]),
      raised('overfitting:t01', 100),
      raised('overfitting:t01', 200),
    ]);

    expect(alerts.active.length).toBe(1);
    expect(alerts.raisedCount).toBe(1);
  });

  it('ignores a clear of an inactive alert', () => {
    const before = stateAfter([runStarted([spec]), raised('memory:x', 100)]);
    const after = reduceRunEvent(before, cleared('stalled:w9', 200));

    expect(after.alerts).toBe(before.alerts);
  });
});
