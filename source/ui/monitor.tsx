import { useWindowSize } from 'ink';
import type { EventBus } from '../state/event-bus.js';
import type { RunState } from '../state/run-state.js';
import { rankListedTrials } from '../state/selectors.js';
import { App } from './app.js';
import { listHostIds } from './host-rows.js';
import type { MonitorMode } from './monitor-mode.js';
import type { Controls } from './controls.js';
import { useMonitorKeys } from './hooks/use-monitor-keys.js';
import { useRunState } from './hooks/use-run-state.js';

export type MonitorProps = {
  /** Stream of run events to show. */
  readonly bus: EventBus;
  /** State before the first event on the bus. */
  readonly initialState: RunState;
  /** Interval between two redraws with new events, in ms. */
  readonly tickMs: number;
  /** Receives the actions of the monitor's keys. */
  readonly controls: Controls;
  /** Whether stdin is a TTY. Keys are ignored when false. */
  readonly isInteractive: boolean;
  /**
   * The kind of run shown: one this process drives (`run`, the default),
   * one that another process drives (`watch`), or a stored one played back
   * (`replay`). The footer offers the keys that work in each.
   */
  readonly mode?: MonitorMode;
};

/** Connects the event bus, the terminal size and the keys to the layout. */
export function Monitor({
  bus,
  initialState,
  tickMs,
  controls,
  isInteractive,
  mode = 'run',
}: MonitorProps) {
  const state = useRunState({ bus, initialState, tickMs });
  const { columns, rows } = useWindowSize();
  const rankedTrialIds = rankListedTrials(state).map((trial) => trial.spec.id);
  const keys = useMonitorKeys({
    controls,
    isActive: isInteractive,
    rankedTrialIds,
    hostIds: listHostIds(state),
  });

  return (
    <App
      state={state}
      columns={columns}
      rows={rows}
      isHelpVisible={keys.isHelpVisible}
      isInteractive={isInteractive}
      mode={mode}
      selectedTrialId={keys.selectedTrialId}
      isDetailVisible={keys.isDetailVisible}
      isAnalysisVisible={keys.isAnalysisVisible}
      selectedHostId={keys.selectedHostId}
    />
  );
}
