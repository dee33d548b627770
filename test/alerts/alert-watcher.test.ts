import { describe, expect, it } from 'vitest';

import { DEFAULT_ALERT_SETTINGS } from '../../source/alerts/alert-settings.js';
import { AlertWatcher } from '../../source/alerts/alert-watcher.js';
import { EventBus } from '../../source/state/event-bus.js';
import type { RunEvent } from '../../source/state/events.js';
import {
  createSpec,
  runFinished,
  runStarted,
  START_AT,
  trialStarted,
} from '../cli/run-events.js';
import { stateAfter, systemSampled, trialProgress } from './alert-events.js';

const spec = createSpec(0, { trees: 200 });

/** Emits `events` with a watcher on the bus; returns everything emitted. */
function watch(events: readonly RunEvent[]) {
  const bus = new EventBus();
  const seen: RunEvent[] = [];
  bus.subscribe((event) => seen.push(event));
  const watcher = new AlertWatcher({
    bus,
    settings: DEFAULT_ALERT_SETTINGS,
    tickMs: 250,
  });
  for (const event of events) {
    bus.emit(event);
  }
  watcher.close();

  return { seen, raisedCount: watcher.raisedCount };
}

function alertEvents(events: readonly RunEvent[]) {
  return events.filter(
    (event) => event.kind === 'alert-raised' || event.kind === 'alert-cleared',
  );
}

const stalledRun: RunEvent[] = [
  runStarted([spec]),
  trialStarted(spec, 3, 0),
  systemSampled(5_000),
  systemSampled(5_250),
  trialProgress(spec, 3, 5_400, 10, { train: 0.9, test: 0.9 }),
  systemSampled(5_500),
];

describe('AlertWatcher', () => {
  it('raises a stall once and clears it on progress', () => {
    const { seen } = watch(stalledRun);

    expect(alertEvents(seen)).toEqual([
      {
        kind: 'alert-raised',
        at: START_AT + 5_000,
        alertId: 'stalled:w3',
        rule: 'stalled',
        message: 'no progress for 5.0s on t01',
        trialId: 't01',
        workerId: 3,
      },
      { kind: 'alert-cleared', at: START_AT + 5_400, alertId: 'stalled:w3' },
    ]);
  });

  it('emits an alert right after its trigger', () => {
    const { seen } = watch(stalledRun);
    const raised = seen.findIndex((event) => event.kind === 'alert-raised');

    expect(seen[raised - 1]).toEqual(systemSampled(5_000));
  });

  it('counts the alerts raised', () => {
    expect(watch(stalledRun).raisedCount).toBe(1);
  });

  it('folds to the same alerts on replay', () => {
    const { seen } = watch(stalledRun);
    const replayed = stateAfter(seen);

    expect(replayed.alerts.raisedCount).toBe(1);
    expect(replayed.alerts.active).toEqual([]);
  });

  it('raises nothing after the run finished', () => {
    const { seen } = watch([
      runStarted([spec]),
      trialStarted(spec, 3, 0),
      runFinished(1_000, 'stopped'),
      systemSampled(9_000),
    ]);

    expect(alertEvents(seen)).toEqual([]);
  });

  it('raises nothing for a healthy run', () => {
    const { seen } = watch([
      runStarted([spec]),
      trialStarted(spec, 3, 0),
      trialProgress(spec, 3, 1_000, 10, { train: 0.95, test: 0.9 }),
      systemSampled(1_250),
      trialProgress(spec, 3, 2_000, 20, { train: 0.96, test: 0.93 }),
      systemSampled(2_250),
    ]);

    expect(seen.length).toBe(6);
    expect(alertEvents(seen)).toEqual([]);
  });
});
