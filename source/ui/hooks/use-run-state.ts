import { useEffect, useState } from 'react';
import type { EventBus } from '../../state/event-bus.js';
import type { RunEvent } from '../../state/events.js';
import { reduceRunEvents } from '../../state/reducer.js';
import type { RunState } from '../../state/run-state.js';

export type UseRunStateProps = {
  /** Stream of run events to fold. */
  readonly bus: EventBus;
  /** State before the first event the hook receives. */
  readonly initialState: RunState;
  /** Interval between two folds of the queued events, in ms. */
  readonly tickMs: number;
};

/**
 * Folds the run's events into state once a tick. Bursts of events between
 * two ticks cause one render, and a tick with no events causes none. A
 * `run-finished` event folds the queue at once instead of on the next tick.
 *
 * NOTE: the state update is still committed by React's scheduler, after the
 * emitting code returns. To draw the final state, await Ink's
 * `waitUntilRenderFlush()` after `run-finished` and before `unmount()`.
 *
 * @example
 * const state = useRunState({ bus, initialState, tickMs: 250 });
 */
export function useRunState({
  bus,
  initialState,
  tickMs,
}: UseRunStateProps): RunState {
  const [state, setState] = useState(initialState);

  useEffect(() => {
    let queue: RunEvent[] = [];

    const flush = () => {
      if (queue.length === 0) {
        return;
      }

      const events = queue;
      queue = [];
      setState((current) => reduceRunEvents(current, events));
    };

    const unsubscribe = bus.subscribe((event) => {
      queue.push(event);
      if (event.kind === 'run-finished') {
        flush();
      }
    });
    const timer = setInterval(flush, tickMs);

    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [bus, tickMs]);

  return state;
}
