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
  trialFinished,
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

/**
 * A trial whose gap between training and test accuracy moves around the
 * default threshold of 0.15 from chunk to chunk, as on iris, where scores
 * move in steps of 1/120 and 1/30.
 */
const gapAroundThreshold: RunEvent[] = [
  runStarted([spec]),
  trialStarted(spec, 3, 0),
  // 0.75 - 0.6 is 0.15000000000000002 in floating point.
  trialProgress(spec, 3, 1_000, 100, { train: 0.75, test: 0.6 }),
  trialProgress(spec, 3, 1_100, 110, { train: 0.825, test: 0.6667 }),
  trialProgress(spec, 3, 1_200, 120, { train: 0.8, test: 0.6667 }),
  systemSampled(1_250),
  trialProgress(spec, 3, 1_300, 130, { train: 0.8333, test: 0.6667 }),
  trialProgress(spec, 3, 1_400, 140, { train: 0.75, test: 0.6 }),
  trialFinished(spec, 3, 2_000, { train: 0.8, test: 0.6667, oob: null }),
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

  it('raises an overfitting alert once per trial', () => {
    const { seen, raisedCount } = watch(gapAroundThreshold);

    expect(alertEvents(seen)).toEqual([
      {
        kind: 'alert-raised',
        at: START_AT + 1_100,
        alertId: 'overfitting:t01',
        rule: 'overfitting',
        message:
          't01 train acc 0.825, test acc 0.667 at 110 of 200 trees: ' +
          'gap 0.158 above 0.15',
        trialId: 't01',
      },
    ]);
    expect(raisedCount).toBe(1);
  });

  it('shows no gap equal to the threshold', () => {
    const { seen } = watch(gapAroundThreshold);
    const gaps = seen.flatMap((event) =>
      event.kind === 'alert-raised'
        ? [/gap (\S+) above/.exec(event.message)?.[1]]
        : [],
    );

    expect(gaps).toEqual(['0.158']);
    expect(Number(gaps[0])).toBeGreaterThan(0.15);
  });

  it('keeps an overfitting alert active on replay', () => {
    const { seen } = watch(gapAroundThreshold);
    const replayed = stateAfter(seen);

    expect(replayed.alerts.active.map((alert) => alert.alertId)).toEqual([
      'overfitting:t01',
    ]);
    expect(replayed.alerts.raisedByRule).toEqual({ overfitting: 1 });
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
