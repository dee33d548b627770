import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { CompactView } from '../../../source/ui/components/compact-view.js';
import {
  createQueuedSweepState,
  createRegressionData,
  createSweepState,
  createTestRunState,
  createTestTrial,
  createTestWorker,
} from '../factories.js';

const state = createSweepState({
  trialCount: 30,
  workerCount: 4,
  finishedCount: 12,
});

test('shows a summary, a line per worker and the keys', () => {
  const { lastFrame, unmount } = render(
    <CompactView state={state} columns={40} rows={6} isInteractive />,
  );

  expect(lastFrame()).toBe(
    [
      '12/30 done ETA 1m23s best acc 0.960 ela…',
      'w1  running t12     40%  0.940',
      'w2  running t13     40%  0.900',
      'w3  running t14     50%  0.940',
      'w4  running t15     40%  0.940',
      'p pause · +/- workers · ? help · q quit',
    ].join('\n'),
  );
  unmount();
});

test('cuts workers to the rows with a more line', () => {
  const { lastFrame, unmount } = render(
    <CompactView state={state} columns={60} rows={5} isInteractive />,
  );

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines).toHaveLength(5);
  expect(lines[3]).toBe('  +2 more workers');
  unmount();
});

test('fills the rows it is given', () => {
  const { lastFrame, unmount } = render(
    <CompactView state={state} columns={60} rows={12} isInteractive />,
  );

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines).toHaveLength(12);
  expect(lines.at(-1)).toContain('q quit');
  unmount();
});

test('sums up the run at 60 columns', () => {
  const failing = createSweepState({
    trialCount: 30,
    workerCount: 3,
    finishedCount: 12,
    failedCount: 1,
  });
  const { lastFrame, unmount } = render(
    <CompactView state={failing} columns={60} rows={24} isInteractive />,
  );

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines[0]).toBe(
    '12/30 done 1 failed ETA 1m04s best acc 0.960 elapsed 43s ir…',
  );
  unmount();
});

test('says keys are off without a terminal', () => {
  const { lastFrame, unmount } = render(
    <CompactView state={state} columns={60} rows={6} isInteractive={false} />,
  );

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines.at(-1)).toBe('keys off: input is not a terminal · Ctrl+C stops');
  unmount();
});

test('shows idle workers and unknown scores', () => {
  const fresh = createTestRunState({
    trials: { t07: createTestTrial({ status: 'running', workerId: 1 }) },
    workers: {
      1: createTestWorker({ id: 1, status: 'running', trialId: 't07' }),
      2: createTestWorker({ id: 2 }),
    },
  });
  const { lastFrame, unmount } = render(
    <CompactView state={fresh} columns={40} rows={6} isInteractive />,
  );

  expect(lastFrame()).toBe(
    [
      '0/1 done ETA — best acc — elapsed 0s ir…',
      'w1  running t07      0%      —',
      'w2  idle    waiting for a trial',
      '',
      '',
      'p pause · +/- workers · ? help · q quit',
    ].join('\n'),
  );
  unmount();
});

test('names the best score R² for regression', () => {
  const regression = createSweepState({
    trialCount: 30,
    workerCount: 2,
    finishedCount: 12,
    data: createRegressionData(),
    testScoreOf: (index) => 0.7 - index / 10,
  });
  const { lastFrame, unmount } = render(
    <CompactView state={regression} columns={60} rows={6} isInteractive />,
  );

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines[0]).toMatch(/^12\/30 done ETA \S+ best R² 0\.700 /);
  unmount();
});

test('offers the details key when the footer has room', () => {
  const { lastFrame, unmount } = render(
    <CompactView state={state} columns={79} rows={6} isInteractive />,
  );

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines.at(-1)).toBe(
    'space/p pause · +/- workers · Enter details · a analysis · ? help · q quit',
  );
  unmount();
});

const queued = createQueuedSweepState(
  { trialCount: 30, workerCount: 4, finishedCount: 12 },
  [
    { hostId: 'gpu-box-4312', host: 'gpu-box', threads: 2 },
    { hostId: 'node-a-77', host: 'node-a', threads: 2 },
  ],
);

test('groups threads under their hosts', () => {
  const { lastFrame, unmount } = render(
    <CompactView
      state={queued}
      columns={40}
      rows={8}
      isInteractive
      selectedHostId="gpu-box-4312"
    />,
  );

  expect(lastFrame()?.split('\n').slice(1)).toEqual([
    '› gpu-box  2/2 busy    CPU  60%',
    '  w1  running t12     40%  0.940',
    '  w2  running t13     40%  0.900',
    '  node-a   2/2 busy    CPU  80%',
    '  w3  running t14     50%  0.940',
    '  w4  running t15     40%  0.940',
    'p pause · +/- threads · ? help · q quit',
  ]);
  unmount();
});

test('keeps the selected host in sight', () => {
  const { lastFrame, unmount } = render(
    <CompactView
      state={queued}
      columns={60}
      rows={6}
      isInteractive
      selectedHostId="node-a-77"
    />,
  );

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines[1]).toMatch(/^› node-a /);
  expect(lines[4]).toBe('  +3 above');
  expect(lines[5]).toBe('p pause · Tab host · +/- threads · ? help · q quit');
  unmount();
});
