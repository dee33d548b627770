import { Text } from 'ink';
import { act } from 'react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import {
  EventBus,
  type EventListener,
} from '../../../source/state/event-bus.js';
import type { RunEvent } from '../../../source/state/events.js';
import { createRunState } from '../../../source/state/run-state.js';
import { countTrials } from '../../../source/state/selectors.js';
import { useRunState } from '../../../source/ui/hooks/use-run-state.js';
import { createSweepEvents } from '../factories.js';
import { renderInAct } from '../render-in-act.js';

const TICK_MS = 250;

/** Event bus that counts its listeners, to check that the hook unsubscribes. */
class CountingBus extends EventBus {
  listenerCount = 0;

  override subscribe(listener: EventListener): () => void {
    this.listenerCount += 1;
    const unsubscribe = super.subscribe(listener);

    return () => {
      this.listenerCount -= 1;
      unsubscribe();
    };
  }
}

function Probe({ bus }: { readonly bus: EventBus }) {
  const state = useRunState({
    bus,
    initialState: createRunState(),
    tickMs: TICK_MS,
  });
  const counts = countTrials(state);

  return (
    <Text>
      {`${state.job || 'none'} ${counts.finished}/${counts.total} ` +
        `${state.finishReason ?? 'running'}`}
    </Text>
  );
}

const events = createSweepEvents({
  trialCount: 6,
  workerCount: 2,
  finishedCount: 3,
});

function emitAll(bus: EventBus, batch: readonly RunEvent[]) {
  for (const event of batch) {
    bus.emit(event);
  }
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});

afterEach(() => {
  vi.useRealTimers();
});

test('folds queued events on the next tick', () => {
  const bus = new EventBus();
  const { lastFrame, unmount } = renderInAct(<Probe bus={bus} />);
  emitAll(bus, events);
  expect(lastFrame()).toBe('none 0/0 running');

  act(() => {
    vi.advanceTimersByTime(TICK_MS);
  });

  expect(lastFrame()).toBe('iris-rf 3/6 running');
  unmount();
});

test('renders a burst of events once', () => {
  const bus = new EventBus();
  const { frames, unmount } = renderInAct(<Probe bus={bus} />);
  const framesBefore = frames.length;
  emitAll(bus, events);

  act(() => {
    vi.advanceTimersByTime(TICK_MS);
  });

  expect(frames.length).toBe(framesBefore + 1);
  unmount();
});

test('skips ticks without events', () => {
  const bus = new EventBus();
  const { frames, unmount } = renderInAct(<Probe bus={bus} />);
  const framesBefore = frames.length;

  act(() => {
    vi.advanceTimersByTime(TICK_MS * 5);
  });

  expect(frames.length).toBe(framesBefore);
  unmount();
});

test('folds at once when the run finishes', () => {
  const bus = new EventBus();
  const { lastFrame, unmount } = renderInAct(<Probe bus={bus} />);

  act(() => {
    emitAll(bus, events);
    bus.emit({ kind: 'run-finished', at: Date.now(), reason: 'stopped' });
  });

  expect(lastFrame()).toBe('iris-rf 3/6 stopped');
  unmount();
});

test('keeps events emitted right after render', () => {
  const bus = new CountingBus();
  const { lastFrame, unmount } = renderInAct(<Probe bus={bus} />);
  expect(bus.listenerCount).toBe(1);
  emitAll(bus, events);

  act(() => {
    vi.advanceTimersByTime(TICK_MS);
  });

  expect(lastFrame()).toBe('iris-rf 3/6 running');
  unmount();
});

test('releases the listener and interval on unmount', () => {
  const bus = new CountingBus();
  const { unmount } = renderInAct(<Probe bus={bus} />);
  expect(bus.listenerCount).toBe(1);
  expect(vi.getTimerCount()).toBe(1);

  unmount();

  expect(bus.listenerCount).toBe(0);
  expect(vi.getTimerCount()).toBe(0);
});
