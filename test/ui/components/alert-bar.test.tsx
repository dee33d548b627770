import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import { stripVTControlCharacters } from 'node:util';
import { expect, test } from 'vitest';

import type { ActiveAlert } from '../../../source/state/run-state.js';
import { AlertBar } from '../../../source/ui/components/alert-bar.js';
import { App } from '../../../source/ui/app.js';
import { createSweepState, RUN_START_MS } from '../factories.js';

const stalled: ActiveAlert = {
  alertId: 'stalled:w3',
  rule: 'stalled',
  message: 'no progress for 5.0s on t12',
  trialId: 't12',
  workerId: 3,
  raisedAt: RUN_START_MS,
};

const failed: ActiveAlert = {
  alertId: 'trial-failed:t04',
  rule: 'trial-failed',
  message: 't04 failed after 2 attempts: out of memory',
  trialId: 't04',
  workerId: null,
  raisedAt: RUN_START_MS + 1_000,
};

test('shows the only active alert', () => {
  const { lastFrame, unmount } = render(
    <Box width={60}>
      <AlertBar alerts={[stalled]} />
    </Box>,
  );

  expect(lastFrame()).toBe('! stalled  w3  no progress for 5.0s on t12');
  unmount();
});

test('shows the latest alert and counts the others', () => {
  const { lastFrame, unmount } = render(
    <Box width={70}>
      <AlertBar alerts={[stalled, failed]} />
    </Box>,
  );

  expect(lastFrame()).toBe(
    '! +1 more  trial-failed  t04 failed after 2 attempts: out of memory',
  );
  unmount();
});

test('cuts a long alert to one line', () => {
  const { lastFrame, unmount } = render(
    <Box width={30}>
      <AlertBar alerts={[stalled, failed]} />
    </Box>,
  );

  expect(lastFrame()).toBe('! +1 more  trial-failed  t04 …');
  unmount();
});

test('renders nothing without active alerts', () => {
  const { lastFrame, unmount } = render(
    <>
      <Text>header</Text>
      <AlertBar alerts={[]} />
    </>,
  );

  expect(lastFrame()).toBe('header');
  unmount();
});

test('takes a line under the header at 80x24', () => {
  const base = createSweepState({
    trialCount: 30,
    workerCount: 4,
    finishedCount: 12,
    failedCount: 1,
    corePercents: [12, 55, 78, 96],
  });
  const state = {
    ...base,
    alerts: { active: [stalled], raisedCount: 1, raisedByRule: {} },
  };
  const { lastFrame, unmount } = render(
    <App
      state={state}
      columns={80}
      rows={24}
      isHelpVisible={false}
      isInteractive
    />,
  );
  const lines = stripVTControlCharacters(lastFrame() ?? '').split('\n');

  expect(lines.length).toBe(24);
  expect(lines[3]).toBe('! stalled  w3  no progress for 5.0s on t12');
  unmount();
});

test('takes a line in the compact view', () => {
  const base = createSweepState({
    trialCount: 10,
    workerCount: 2,
    finishedCount: 3,
    corePercents: [10, 20],
  });
  const state = {
    ...base,
    alerts: { active: [stalled], raisedCount: 1, raisedByRule: {} },
  };
  const { lastFrame, unmount } = render(
    <App
      state={state}
      columns={60}
      rows={10}
      isHelpVisible={false}
      isInteractive
    />,
  );
  const lines = stripVTControlCharacters(lastFrame() ?? '').split('\n');

  expect(lines.length).toBe(10);
  expect(lines[1]).toBe('! stalled  w3  no progress for 5.0s on t12');
  unmount();
});
