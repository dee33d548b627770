import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { Header } from '../../../source/ui/components/header.js';
import { textWidth } from '../../../source/ui/text-cells.js';
import {
  createRegressionData,
  createSweepState,
  createTestData,
  createTestHost,
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

test('right-aligns the data beside the best trial', () => {
  const state = createSweepState({
    trialCount: 30,
    workerCount: 4,
    finishedCount: 12,
    data: createTestData(),
  });
  const { lastFrame, unmount } = render(<Header state={state} width={80} />);

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines[2]).toBe(
    'best 0.960 test acc t06 T100 f3 d3 s6             iris · 150 rows · hold-out 20%',
  );
  unmount();
});

test('names the score R² for regression', () => {
  const state = createSweepState({
    trialCount: 30,
    workerCount: 4,
    finishedCount: 12,
    data: createRegressionData({ name: 'wine.csv', rowCount: 178 }),
    testScoreOf: (index) => -0.1 - index / 10,
  });
  const { lastFrame, unmount } = render(<Header state={state} width={80} />);

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines[2]).toBe(
    'best -0.100 test R² t00 T100 f1 d2 s0            wine.csv · 178 rows · 5-fold CV',
  );
  unmount();
});

test('drops data parts to fit the width', () => {
  const state = createTestRunState({ data: createRegressionData() });
  const narrow = render(<Header state={state} width={60} />);
  const wide = render(<Header state={state} width={100} />);

  const lineOf = (frame: string | undefined) => frame?.split('\n')[2] ?? '';
  expect(lineOf(narrow.lastFrame())).toBe(
    'best — no finished trial yet         housing.csv · 5-fold CV',
  );
  expect(lineOf(wide.lastFrame())).toMatch(
    / {2}housing\.csv · 506 rows · regression · 5-fold CV$/,
  );
  narrow.unmount();
  wide.unmount();
});

test('cuts a long job to keep the clock and pool', () => {
  const state = {
    ...running,
    job: 'wine-quality-red.csv random forest regression',
  };
  const { lastFrame, unmount } = render(<Header state={state} width={80} />);

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines[0]).toBe(
    'traintop · wine-quality-red.csv rando… · elapsed 1m05s · ETA 1m05s · pool 4 of 8',
  );
  unmount();
});

test('fits wide characters by cells', () => {
  const state = createSweepState({
    trialCount: 30,
    workerCount: 2,
    finishedCount: 12,
    data: createTestData({
      name: 'boston_housing_prices_2024_cleaned_final_天気の記録.csv',
    }),
  });
  const job = { ...state, job: '天気の予測 random forest classification' };
  const { lastFrame, unmount } = render(<Header state={job} width={80} />);

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines[0]).toBe(
    'traintop · 天気の予測 random forest c… · elapsed 2m06s · ETA 2m24s · pool 2 of 8',
  );
  expect(lines[2]).toBe(
    'best 0.960 test acc t06 T100 f3 d3 s6  boston_housin…気の記録.csv · hold-out 20%',
  );
  for (const line of lines) {
    expect(textWidth(line), line).toBeLessThanOrEqual(80);
  }
  unmount();
});

test('counts threads and live hosts in a queued run', () => {
  const queued = createTestRunState({
    poolSize: 6,
    hosts: {
      'gpu-box-4312': createTestHost(),
      'node-a-77': createTestHost({ id: 'node-a-77', host: 'node-a' }),
      'node-b-9': createTestHost({ id: 'node-b-9', isLost: true }),
    },
  });
  const { lastFrame, unmount } = render(<Header state={queued} width={80} />);

  expect(lastFrame()).toContain('pool 6 threads on 2 hosts');
  expect(lastFrame()).not.toContain(' of 8');
  unmount();
});

test('writes one thread on one host in the singular', () => {
  const queued = createTestRunState({
    poolSize: 1,
    hosts: { 'gpu-box-4312': createTestHost() },
  });
  const { lastFrame, unmount } = render(<Header state={queued} width={80} />);

  expect(lastFrame()).toContain('pool 1 thread on 1 host');
  unmount();
});
