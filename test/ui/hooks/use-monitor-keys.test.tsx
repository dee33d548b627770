import { Text } from 'ink';
import { act } from 'react';
import { expect, test, vi } from 'vitest';
import type { Controls } from '../../../source/ui/controls.js';
import { useMonitorKeys } from '../../../source/ui/hooks/use-monitor-keys.js';
import { renderInAct } from '../render-in-act.js';

const ESCAPE = '\u001B';
const ARROW_UP = '\u001B[A';
const ARROW_DOWN = '\u001B[B';
const ENTER = '\r';

/** Finished trials, best first, as the monitor passes them. */
const RANKED = ['t03', 't01', 't02'];

/**
 * Time Ink 8 waits after a lone escape byte for the rest of an escape
 * sequence before it reports the Escape key, in ms.
 */
const ESCAPE_FLUSH_MS = 20;
const CTRL_C = '\u0003';

/** Controls that record each call, as the runner would receive them. */
function createRecordingControls() {
  const calls: string[] = [];
  const controls: Controls = {
    togglePause: () => calls.push('togglePause'),
    resize: (delta) => calls.push(`resize ${delta}`),
    quit: () => calls.push('quit'),
  };

  return { calls, controls };
}

function Probe(props: {
  readonly controls: Controls;
  readonly isActive: boolean;
  readonly rankedTrialIds?: readonly string[];
}) {
  const keys = useMonitorKeys(props);
  const screen = keys.isHelpVisible
    ? 'help'
    : keys.isDetailVisible
      ? 'detail'
      : 'panels';

  return <Text>{`${screen} ${keys.selectedTrialId ?? 'none'}`}</Text>;
}

function renderProbe(isActive = true, rankedTrialIds = RANKED) {
  const recording = createRecordingControls();
  const rendered = renderInAct(
    <Probe
      controls={recording.controls}
      isActive={isActive}
      rankedTrialIds={rankedTrialIds}
    />,
  );
  const press = (input: string) => {
    act(() => {
      rendered.stdin.write(input);
    });
  };

  return { ...recording, ...rendered, press };
}

/** Presses Escape and waits out Ink's wait for a longer sequence. */
function pressEscape(press: (input: string) => void) {
  press(ESCAPE);
  act(() => {
    vi.advanceTimersByTime(ESCAPE_FLUSH_MS);
  });
}

test.each([
  [' ', 'togglePause'],
  ['p', 'togglePause'],
  ['+', 'resize 1'],
  ['=', 'resize 1'],
  ['-', 'resize -1'],
  ['_', 'resize -1'],
  ['q', 'quit'],
  [CTRL_C, 'quit'],
])('maps %j to %s', (input, expected) => {
  const { calls, press, unmount } = renderProbe();

  press(input);

  expect(calls).toEqual([expected]);
  unmount();
});

test('handles keys that arrive together', () => {
  const { calls, press, unmount } = renderProbe();

  press('++-');

  expect(calls).toEqual(['resize 1', 'resize 1', 'resize -1']);
  unmount();
});

test('ignores other keys', () => {
  const { calls, lastFrame, press, unmount } = renderProbe();

  press('x');
  press('P');

  expect(calls).toEqual([]);
  expect(lastFrame()).toBe('panels t03');
  unmount();
});

test('toggles the help with ?', () => {
  const { calls, lastFrame, press, unmount } = renderProbe();

  press('?');
  expect(lastFrame()).toBe('help t03');

  press('?');
  expect(lastFrame()).toBe('panels t03');
  expect(calls).toEqual([]);
  unmount();
});

test('closes the help with escape', () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const { lastFrame, press, unmount } = renderProbe();
  try {
    press('?');
    expect(lastFrame()).toBe('help t03');

    pressEscape(press);

    expect(lastFrame()).toBe('panels t03');
  } finally {
    unmount();
    vi.useRealTimers();
  }
});

test('ignores keys while inactive', () => {
  const { calls, lastFrame, press, unmount } = renderProbe(false);

  press('q');
  press('?');
  press(ARROW_DOWN);

  expect(calls).toEqual([]);
  expect(lastFrame()).toBe('panels t03');
  unmount();
});

test('moves the selection with the arrows', () => {
  const { calls, lastFrame, press, unmount } = renderProbe();

  press(ARROW_DOWN);
  expect(lastFrame()).toBe('panels t01');

  press(ARROW_DOWN);
  press(ARROW_DOWN);
  expect(lastFrame()).toBe('panels t02');

  press(ARROW_UP);
  expect(lastFrame()).toBe('panels t01');
  expect(calls).toEqual([]);
  unmount();
});

test('stops the selection at the best trial', () => {
  const { lastFrame, press, unmount } = renderProbe();

  press(ARROW_UP);

  expect(lastFrame()).toBe('panels t03');
  unmount();
});

test('opens and closes the details with enter', () => {
  const { calls, lastFrame, press, unmount } = renderProbe();

  press(ARROW_DOWN);
  press(ENTER);
  expect(lastFrame()).toBe('detail t01');

  press(ENTER);
  expect(lastFrame()).toBe('panels t01');
  expect(calls).toEqual([]);
  unmount();
});

test('moves between trials in the details', () => {
  const { lastFrame, press, unmount } = renderProbe();

  press(ENTER);
  press(ARROW_DOWN);

  expect(lastFrame()).toBe('detail t01');
  unmount();
});

test('closes the details with escape', () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const { lastFrame, press, unmount } = renderProbe();
  try {
    press(ENTER);
    expect(lastFrame()).toBe('detail t03');

    pressEscape(press);

    expect(lastFrame()).toBe('panels t03');
  } finally {
    unmount();
    vi.useRealTimers();
  }
});

test('closes the help before the details', () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const { lastFrame, press, unmount } = renderProbe();
  try {
    press(ENTER);
    press('?');
    expect(lastFrame()).toBe('help t03');

    pressEscape(press);
    expect(lastFrame()).toBe('detail t03');

    pressEscape(press);
    expect(lastFrame()).toBe('panels t03');
  } finally {
    unmount();
    vi.useRealTimers();
  }
});

test('ignores arrows and enter under the help', () => {
  const { lastFrame, press, unmount } = renderProbe();

  press('?');
  press(ARROW_DOWN);
  press(ENTER);
  press('?');

  expect(lastFrame()).toBe('panels t03');
  unmount();
});

test('quits from the details with q', () => {
  const { calls, press, unmount } = renderProbe();

  press(ENTER);
  press('q');

  expect(calls).toEqual(['quit']);
  unmount();
});

test('keeps the details on their trial as the ranking changes', () => {
  const recording = createRecordingControls();
  const rendered = renderInAct(
    <Probe controls={recording.controls} isActive rankedTrialIds={RANKED} />,
  );
  act(() => {
    rendered.stdin.write(ENTER);
  });

  act(() => {
    rendered.rerender(
      <Probe
        controls={recording.controls}
        isActive
        rankedTrialIds={['t04', ...RANKED]}
      />,
    );
  });

  expect(rendered.lastFrame()).toBe('detail t03');
  rendered.unmount();
});

test('follows the best trial until one is picked', () => {
  const recording = createRecordingControls();
  const rendered = renderInAct(
    <Probe controls={recording.controls} isActive rankedTrialIds={RANKED} />,
  );

  act(() => {
    rendered.rerender(
      <Probe
        controls={recording.controls}
        isActive
        rankedTrialIds={['t04', ...RANKED]}
      />,
    );
  });

  expect(rendered.lastFrame()).toBe('panels t04');
  rendered.unmount();
});

test('opens nothing before a trial finished', () => {
  const { lastFrame, press, unmount } = renderProbe(true, []);

  press(ENTER);
  press(ARROW_DOWN);

  expect(lastFrame()).toBe('panels none');
  unmount();
});
