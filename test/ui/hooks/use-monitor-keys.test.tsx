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
const TAB = '\t';
const SHIFT_TAB = '\u001B[Z';

/** Finished trials, best first, as the monitor passes them. */
const RANKED = ['t03', 't01', 't02'];

/** Worker processes of a queued run, in list order. */
const HOSTS = ['gpu-box-4312', 'node-a-77', 'node-b-9'];

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

/** Controls of a queued run, which also resize one worker process. */
function createHostControls() {
  const recording = createRecordingControls();
  const controls: Controls = {
    ...recording.controls,
    resizeHost: (hostId, delta) =>
      recording.calls.push(`resizeHost ${hostId} ${delta}`),
  };

  return { calls: recording.calls, controls };
}

function HostProbe(props: {
  readonly controls: Controls;
  readonly hostIds: readonly string[];
}) {
  const keys = useMonitorKeys({ ...props, isActive: true });
  const screen = keys.isHelpVisible ? 'help' : 'panels';

  return <Text>{`${screen} ${keys.selectedHostId ?? 'none'}`}</Text>;
}

function renderHostProbe(hostIds = HOSTS) {
  const recording = createHostControls();
  const rendered = renderInAct(
    <HostProbe controls={recording.controls} hostIds={hostIds} />,
  );
  const press = (input: string) => {
    act(() => {
      rendered.stdin.write(input);
    });
  };

  return { ...recording, ...rendered, press };
}

test('selects the first host until tab moves on', () => {
  const { lastFrame, press, unmount } = renderHostProbe();
  expect(lastFrame()).toBe('panels gpu-box-4312');

  press(TAB);
  expect(lastFrame()).toBe('panels node-a-77');

  press(TAB);
  press(TAB);
  expect(lastFrame()).toBe('panels gpu-box-4312');
  unmount();
});

test('moves back with shift+tab', () => {
  const { lastFrame, press, unmount } = renderHostProbe();

  press(SHIFT_TAB);

  expect(lastFrame()).toBe('panels node-b-9');
  unmount();
});

test('resizes the selected host with + and -', () => {
  const { calls, press, unmount } = renderHostProbe();

  press('+');
  press(TAB);
  press('-');
  press('=');
  press('_');

  expect(calls).toEqual([
    'resizeHost gpu-box-4312 1',
    'resizeHost node-a-77 -1',
    'resizeHost node-a-77 1',
    'resizeHost node-a-77 -1',
  ]);
  unmount();
});

test('resizes the pool without hosts', () => {
  const { calls, lastFrame, press, unmount } = renderHostProbe([]);

  press(TAB);
  press('+');
  press('-');

  expect(calls).toEqual(['resize 1', 'resize -1']);
  expect(lastFrame()).toBe('panels none');
  unmount();
});

test('selects no host when the controls cannot resize one', () => {
  const recording = createRecordingControls();
  const rendered = renderInAct(
    <HostProbe controls={recording.controls} hostIds={HOSTS} />,
  );

  act(() => {
    rendered.stdin.write(TAB);
  });
  act(() => {
    rendered.stdin.write('+');
  });

  expect(rendered.lastFrame()).toBe('panels none');
  expect(recording.calls).toEqual(['resize 1']);
  rendered.unmount();
});

test('ignores tab under the help', () => {
  const { lastFrame, press, unmount } = renderHostProbe();

  press('?');
  press(TAB);

  expect(lastFrame()).toBe('help gpu-box-4312');
  unmount();
});

test('moves to the first host when the selected one leaves', () => {
  const recording = createHostControls();
  const rendered = renderInAct(
    <HostProbe controls={recording.controls} hostIds={HOSTS} />,
  );
  act(() => {
    rendered.stdin.write(TAB);
  });

  act(() => {
    rendered.rerender(
      <HostProbe
        controls={recording.controls}
        hostIds={['gpu-box-4312', 'node-b-9']}
      />,
    );
  });

  expect(rendered.lastFrame()).toBe('panels gpu-box-4312');
  rendered.unmount();
});

function AnalysisProbe(props: { readonly controls: Controls }) {
  const keys = useMonitorKeys({
    ...props,
    isActive: true,
    rankedTrialIds: RANKED,
  });
  const screen = keys.isAnalysisVisible
    ? 'analysis'
    : keys.isDetailVisible
      ? 'detail'
      : 'panels';

  return <Text>{`${screen} ${keys.selectedTrialId ?? 'none'}`}</Text>;
}

function renderAnalysisProbe() {
  const recording = createRecordingControls();
  const rendered = renderInAct(<AnalysisProbe controls={recording.controls} />);
  const press = (input: string) => {
    act(() => {
      rendered.stdin.write(input);
    });
  };

  return { ...recording, ...rendered, press };
}

test('toggles the analysis with a', () => {
  const { calls, lastFrame, press, unmount } = renderAnalysisProbe();

  press('a');
  expect(lastFrame()).toBe('analysis t03');

  press('a');
  expect(lastFrame()).toBe('panels t03');
  expect(calls).toEqual([]);
  unmount();
});

test('closes the details when the analysis opens', () => {
  const { lastFrame, press, unmount } = renderAnalysisProbe();

  press(ENTER);
  expect(lastFrame()).toBe('detail t03');

  press('a');
  expect(lastFrame()).toBe('analysis t03');
  unmount();
});

test('ignores trial keys over the analysis', () => {
  const { lastFrame, press, unmount } = renderAnalysisProbe();

  press('a');
  press(ARROW_DOWN);
  press(ENTER);

  expect(lastFrame()).toBe('analysis t03');
  unmount();
});

test('closes the analysis with escape', () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const { lastFrame, press, unmount } = renderAnalysisProbe();
  try {
    press('a');
    pressEscape(press);

    expect(lastFrame()).toBe('panels t03');
  } finally {
    unmount();
    vi.useRealTimers();
  }
});

test('ignores a while the help is open', () => {
  const { lastFrame, press, unmount } = renderProbe();

  press('?');
  press('a');
  press('?');

  expect(lastFrame()).toBe('panels t03');
  unmount();
});
