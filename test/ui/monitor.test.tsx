import { act } from 'react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { EventBus } from '../../source/state/event-bus.js';
import { createRunState } from '../../source/state/run-state.js';
import type { Controls } from '../../source/ui/controls.js';
import { Monitor } from '../../source/ui/monitor.js';
import type { MonitorMode } from '../../source/ui/monitor-mode.js';
import {
  createQueuedSweepEvents,
  createSweepEvents,
  createTestData,
} from './factories.js';
import { renderInAct } from './render-in-act.js';

const TICK_MS = 250;

const ARROW_DOWN = '\u001B[B';
const ENTER = '\r';
const ESCAPE = '\u001B';
const TAB = '\t';

/** Time Ink 8 waits after a lone escape byte before it reports Escape. */
const ESCAPE_FLUSH_MS = 20;

const controls: Controls = {
  togglePause: () => {},
  resize: () => {},
  quit: () => {},
};

const savedSize = {
  columns: process.env['COLUMNS'],
  lines: process.env['LINES'],
};

// ink-testing-library reports 100 columns but no rows, so Ink falls back to
// terminal-size, which reads COLUMNS and LINES when the test process has no
// TTY. Pin them to a size that gets the full layout.
beforeEach(() => {
  process.env['COLUMNS'] = '100';
  process.env['LINES'] = '24';
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});

afterEach(() => {
  vi.useRealTimers();
  restoreEnv('COLUMNS', savedSize.columns);
  restoreEnv('LINES', savedSize.lines);
});

function restoreEnv(name: string, value: string | undefined) {
  if (value === undefined) {
    delete process.env[name];
  } else {
    process.env[name] = value;
  }
}

function renderMonitorProbe(
  bus: EventBus,
  isInteractive = true,
  mode: MonitorMode = 'run',
) {
  return renderInAct(
    <Monitor
      bus={bus}
      initialState={createRunState()}
      tickMs={TICK_MS}
      controls={controls}
      isInteractive={isInteractive}
      mode={mode}
    />,
  );
}

/** Emits a sweep with twelve finished trials and draws it. */
function emitFinishedSweep(bus: EventBus) {
  const events = createSweepEvents({
    trialCount: 30,
    workerCount: 4,
    finishedCount: 12,
    data: createTestData(),
  });
  for (const event of events) {
    bus.emit(event);
  }

  act(() => {
    vi.advanceTimersByTime(TICK_MS);
  });
}

test('draws the run from the bus on each tick', () => {
  const bus = new EventBus();
  const { lastFrame, unmount } = renderMonitorProbe(bus);
  const events = createSweepEvents({
    trialCount: 30,
    workerCount: 4,
    finishedCount: 12,
  });
  for (const event of events) {
    bus.emit(event);
  }

  act(() => {
    vi.advanceTimersByTime(TICK_MS);
  });

  // Both the full and the compact layout show these, so the checks hold
  // even where a real terminal's size overrides the pinned one.
  const frame = lastFrame() ?? '';
  expect(frame).toContain('iris-rf');
  expect(frame).toContain('w1  running t12');
  expect(frame).toContain('w4  running t15');
  unmount();
});

test('opens the help on ?', () => {
  const bus = new EventBus();
  const { lastFrame, stdin, unmount } = renderMonitorProbe(bus);

  act(() => {
    stdin.write('?');
  });

  expect(lastFrame()).toContain('Pause or resume the run');
  unmount();
});

test('says keys are off without a terminal', () => {
  const bus = new EventBus();
  const { lastFrame, unmount } = renderMonitorProbe(bus, false);

  expect(lastFrame()).toContain('keys off:');
  expect(lastFrame()).toContain('Ctrl+C stops');
  expect(lastFrame()).not.toContain('q quit');
  unmount();
});

test('opens the selected trial with the arrows and enter', () => {
  const bus = new EventBus();
  const { lastFrame, stdin, unmount } = renderMonitorProbe(bus);
  emitFinishedSweep(bus);

  act(() => {
    stdin.write(ARROW_DOWN);
  });
  act(() => {
    stdin.write(ENTER);
  });

  // Ranked by test score, t05 is second after t06.
  const frame = lastFrame() ?? '';
  expect(frame).toMatch(/^─ Trial t05 {2}rank 2 of 12/);
  expect(frame).toContain('confusion matrix');
  expect(frame).not.toContain('─ Workers');
  unmount();
});

test('closes the details with escape', () => {
  vi.useFakeTimers({
    toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
  const bus = new EventBus();
  const { lastFrame, stdin, unmount } = renderMonitorProbe(bus);
  emitFinishedSweep(bus);

  act(() => {
    stdin.write(ENTER);
  });
  expect(lastFrame()).toMatch(/^─ Trial t06/);

  act(() => {
    stdin.write(ESCAPE);
  });
  act(() => {
    vi.advanceTimersByTime(ESCAPE_FLUSH_MS);
  });

  expect(lastFrame()).not.toContain('─ Trial');
  expect(lastFrame()).toContain('iris-rf');
  unmount();
});

test.each(['watch', 'replay'] as const)(
  'opens the details in %s mode',
  (mode) => {
    const bus = new EventBus();
    const { lastFrame, stdin, unmount } = renderMonitorProbe(bus, true, mode);
    emitFinishedSweep(bus);

    act(() => {
      stdin.write(ENTER);
    });

    expect(lastFrame()).toMatch(/^─ Trial t06 {2}rank 1 of 12/);
    unmount();
  },
);

test('resizes the host picked with tab', () => {
  const bus = new EventBus();
  const resized: string[] = [];
  const { lastFrame, stdin, unmount } = renderInAct(
    <Monitor
      bus={bus}
      initialState={createRunState()}
      tickMs={TICK_MS}
      controls={{
        ...controls,
        resizeHost: (hostId, delta) => resized.push(`${hostId} ${delta}`),
      }}
      isInteractive
    />,
  );
  const events = createQueuedSweepEvents(
    { trialCount: 30, workerCount: 4, finishedCount: 12 },
    [
      { hostId: 'gpu-box-4312', host: 'gpu-box', threads: 2 },
      { hostId: 'node-a-77', host: 'node-a', threads: 2 },
    ],
  );
  for (const event of events) {
    bus.emit(event);
  }
  act(() => {
    vi.advanceTimersByTime(TICK_MS);
  });

  act(() => {
    stdin.write(TAB);
  });
  act(() => {
    stdin.write('+');
  });

  expect(resized).toEqual(['node-a-77 1']);
  expect(lastFrame()).toMatch(/^› node-a /m);
  unmount();
});
