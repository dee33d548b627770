import { Text } from 'ink';
import { act } from 'react';
import { expect, test, vi } from 'vitest';
import type { Controls } from '../../../source/ui/controls.js';
import { useMonitorKeys } from '../../../source/ui/hooks/use-monitor-keys.js';
import { renderInAct } from '../render-in-act.js';

const ESCAPE = '\u001B';

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
}) {
  const { isHelpVisible } = useMonitorKeys(props);

  return <Text>{isHelpVisible ? 'help' : 'panels'}</Text>;
}

function renderProbe(isActive = true) {
  const recording = createRecordingControls();
  const rendered = renderInAct(
    <Probe controls={recording.controls} isActive={isActive} />,
  );
  const press = (input: string) => {
    act(() => {
      rendered.stdin.write(input);
    });
  };

  return { ...recording, ...rendered, press };
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
  expect(lastFrame()).toBe('panels');
  unmount();
});

test('toggles the help with ?', () => {
  const { calls, lastFrame, press, unmount } = renderProbe();

  press('?');
  expect(lastFrame()).toBe('help');

  press('?');
  expect(lastFrame()).toBe('panels');
  expect(calls).toEqual([]);
  unmount();
});

test('closes the help with escape', () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const { lastFrame, press, unmount } = renderProbe();
  try {
    press('?');
    expect(lastFrame()).toBe('help');

    press(ESCAPE);
    act(() => {
      vi.advanceTimersByTime(ESCAPE_FLUSH_MS);
    });

    expect(lastFrame()).toBe('panels');
  } finally {
    unmount();
    vi.useRealTimers();
  }
});

test('ignores keys while inactive', () => {
  const { calls, lastFrame, press, unmount } = renderProbe(false);

  press('q');
  press('?');

  expect(calls).toEqual([]);
  expect(lastFrame()).toBe('panels');
  unmount();
});
