import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { FinishedTable } from '../../../source/ui/components/finished-table.js';
import { createSweepState, createTestRunState } from '../factories.js';

const state = createSweepState({
  trialCount: 30,
  workerCount: 4,
  finishedCount: 12,
  failedCount: 2,
});

test('ranks trials by test accuracy', () => {
  const { lastFrame, unmount } = render(
    <FinishedTable state={state} width={80} maxLines={3} />,
  );

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines[1]).toBe(
    'trial params                 train   test    oob  trees    time',
  );
  expect(lines[2]).toBe(
    't06   T100 f3 d3 s6          0.990  0.960  0.950    100    2.0s',
  );
  expect(lines[3]).toBe(
    't05   T200 f2 d2 s5          0.990  0.950    N/A    200    3.0s',
  );
  unmount();
});

test('cuts rows with a more line', () => {
  const { lastFrame, unmount } = render(
    <FinishedTable state={state} width={80} maxLines={3} />,
  );

  expect(lastFrame()).toContain('  +10 more trials');
  unmount();
});

test('counts failures and shows the latest error', () => {
  const { lastFrame, unmount } = render(
    <FinishedTable state={state} width={80} maxLines={3} />,
  );

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines[0]).toMatch(/^─ Finished {2}12 of 30 · 2 failed ─+$/);
  expect(lines.at(-1)).toBe(
    'latest failure t13: Failed to train t13: out of memory',
  );
  unmount();
});

test('says so before any trial finished', () => {
  const { lastFrame, unmount } = render(
    <FinishedTable state={createTestRunState()} width={80} maxLines={3} />,
  );

  expect(lastFrame()).toContain('No trial has finished yet.');
  expect(lastFrame()).not.toContain('latest failure');
  unmount();
});
