import type { EventBus } from '../state/event-bus.js';
import type { RunEvent, RunEventKind } from '../state/events.js';
import { reduceRunEvent } from '../state/reducer.js';
import { createRunState, type RunState } from '../state/run-state.js';
import type { AlertSettings } from './alert-settings.js';
import { evaluateAlerts } from './rules.js';

/**
 * Events after which the rules run: the telemetry tick, which arrives once
 * per tick, and every change of a trial.
 */
const TRIGGER_KINDS: ReadonlySet<RunEventKind> = new Set([
  'system-sampled',
  'trial-started',
  'trial-progress',
  'trial-finished',
  'trial-failed',
  'trial-preempted',
]);

export type AlertWatcherOptions = {
  /** The run's events; the watcher emits its alerts on the same bus. */
  readonly bus: Pick<EventBus, 'subscribe' | 'emit'>;
  readonly settings: AlertSettings;
  /** Telemetry interval in ms, which turns stall ticks into time. */
  readonly tickMs: number;
  /** State before the first event, such as a resumed run's. */
  readonly initialState?: RunState;
};

/**
 * Runs the alert rules on the run's state and emits `alert-raised` when an
 * alert becomes active and `alert-cleared` when it stops being active.
 * Alerts carry the time of the event that triggered them, so the log
 * replays them as they happened.
 *
 * NOTE: EventBus delivers an emitted event at once, inside the delivery of
 * the event that triggered it. Subscribe the watcher after the other
 * sinks, so they see the trigger before the alert.
 */
export class AlertWatcher {
  private state: RunState;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: AlertWatcherOptions) {
    this.state = options.initialState ?? createRunState();
    this.unsubscribe = options.bus.subscribe((event) => {
      this.handle(event);
    });
  }

  /** Alerts raised so far in the run, cleared ones included. */
  get raisedCount(): number {
    return this.state.alerts.raisedCount;
  }

  /** Stops watching; alerts still active stay so. */
  close(): void {
    this.unsubscribe();
  }

  private handle(event: RunEvent): void {
    this.state = reduceRunEvent(this.state, event);
    if (!TRIGGER_KINDS.has(event.kind) || this.state.finishedAt !== null) {
      return;
    }

    this.update(event.at);
  }

  private update(at: number): void {
    const { bus, settings, tickMs } = this.options;
    const desired = evaluateAlerts(this.state, settings, tickMs);
    const desiredIds = new Set(desired.map((alert) => alert.alertId));
    const active = this.state.alerts.active;
    const activeIds = new Set(active.map((alert) => alert.alertId));

    for (const alert of active) {
      if (!desiredIds.has(alert.alertId)) {
        bus.emit({ kind: 'alert-cleared', at, alertId: alert.alertId });
      }
    }

    for (const alert of desired) {
      if (!activeIds.has(alert.alertId)) {
        bus.emit({ kind: 'alert-raised', at, ...alert });
      }
    }
  }
}
