import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { Header } from '../../../source/ui/components/header.js';
import {
  createSweepState,
  createTestRunState,
  createTestTrial,
  RUN_START_MS,
} from '../factories.js';

const running = createTestRunState({
  now: RUN_START_MS + 65_000,
  trials: { t07: createTestTrial({ status: 'running', treesDone: 100 }) },
});

test('shows job, elapsed time, ETA and pool', () => {
  const { lastFrame, unmount } = render(<Header state={running} width={80} />);

  expect(lastFrame()).toContain('iris-rf');
  expect(lastFrame()).toContain('elapsed 1m05s');
  expect(lastFrame()).toContain('ETA 1m05s');
  expect(lastFrame()).toContain('pool 4 of 8');
  unmount();
});

test('shows paused in place of the ETA', () => {
  const paused = { ...running, isPaused: true, pausedAt: running.now };
  const { lastFrame, unmount } = render(<Header state={paused} width={80} />);

  expect(lastFrame()).toContain('ETA paused');
  unmount();
});

test('shows a dash for an unknown ETA', () => {
  const { lastFrame, unmount } = render(
    <Header state={createTestRunState()} width={80} />,
  );

  expect(lastFrame()).toContain('ETA —');
  expect(lastFrame()).toContain('best — no finished trial yet');
  unmount();
});

test('counts trials and names the best one', () => {
  const state = createSweepState({
    trialCount: 30,
    workerCount: 4,
    finishedCount: 12,
    failedCount: 1,
  });
  const { lastFrame, unmount } = render(<Header state={state} width={80} />);

  expect(lastFrame()).toContain(
    'trials 30: 12 done · 4 running · 13 queued · 1 failed',
  );
  expect(lastFrame()).toContain('best 0.960 test acc t06 T100 f3 d3 s6');
  unmount();
});

test('keeps every line within the width', () => {
  const { lastFrame, unmount } = render(<Header state={running} width={40} />);

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines).toHaveLength(3);
  for (const line of lines) {
    expect([...line].length).toBeLessThanOrEqual(40);
  }

  unmount();
});

test('counts running trials as paused in a pause', () => {
  const state = createSweepState({
    trialCount: 30,
    workerCount: 2,
    finishedCount: 12,
  });
  const paused = { ...state, isPaused: true, pausedAt: state.now };
  const { lastFrame, unmount } = render(<Header state={paused} width={80} />);

  expect(lastFrame()).toContain(
    'trials 30: 12 done · 2 paused · 16 queued · 0 failed',
  );
  expect(lastFrame()).not.toContain('running');
  unmount();
});
