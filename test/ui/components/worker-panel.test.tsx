import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { WorkerPanel } from '../../../source/ui/components/worker-panel.js';
import { reduceRunEvents } from '../../../source/state/reducer.js';
import { createRunState } from '../../../source/state/run-state.js';
import {
  createQueuedSweepState,
  createSweepEvents,
  createSweepState,
  createTestRunState,
  createTestTrial,
  createTestWorker,
  RUN_START_MS,
} from '../factories.js';

const state = createSweepState({
  trialCount: 30,
  workerCount: 6,
  finishedCount: 4,
});

test('draws one row per worker in id order', () => {
  const { lastFrame, unmount } = render(
    <WorkerPanel state={state} width={80} maxLines={6} />,
  );

  const rows = lastFrame()?.split('\n').slice(1) ?? [];
  expect(rows.map((row) => row.slice(0, 2))).toEqual([
    'w1',
    'w2',
    'w3',
    'w4',
    'w5',
    'w6',
  ]);
  unmount();
});

test('cuts rows to fit with a more line', () => {
  const { lastFrame, unmount } = render(
    <WorkerPanel state={state} width={80} maxLines={4} />,
  );

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines).toHaveLength(5);
  expect(lines.at(-1)).toBe('  +3 more workers');
  unmount();
});

test('titles the panel with the running count', () => {
  const { lastFrame, unmount } = render(
    <WorkerPanel state={state} width={80} maxLines={6} />,
  );

  expect(lastFrame()).toMatch(/^─ Workers {2}6 running ─+$/m);
  unmount();
});

test('lists and counts idle and failed workers', () => {
  const mixed = {
    ...state,
    workers: {
      ...state.workers,
      7: createTestWorker({ id: 7 }),
      8: createTestWorker({ id: 8, status: 'failed', error: 'out of memory' }),
    },
  };
  const { lastFrame, unmount } = render(
    <WorkerPanel state={mixed} width={80} maxLines={8} />,
  );

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines[0]).toMatch(/^─ Workers {2}6 running · 1 idle · 1 failed ─+$/);
  expect(lines[7]).toMatch(/^w7 {2}idle {4}waiting for a trial +cpu N\/A$/);
  expect(lines[8]).toMatch(/^w8 {2}failed {2}out of memory/);
  unmount();
});

test('says so before any worker started', () => {
  const { lastFrame, unmount } = render(
    <WorkerPanel state={createTestRunState()} width={80} maxLines={3} />,
  );

  expect(lastFrame()).toContain('No worker has started yet.');
  unmount();
});

test('says so when the run has ended', () => {
  const ended = createTestRunState({
    finishedAt: RUN_START_MS + 5_000,
    finishReason: 'completed',
    trials: { t07: createTestTrial({ status: 'finished' }) },
  });
  const { lastFrame, unmount } = render(
    <WorkerPanel state={ended} width={80} maxLines={3} />,
  );

  expect(lastFrame()).toContain('No workers running: the run has ended.');
  expect(lastFrame()).not.toContain('started yet');
  unmount();
});

test('says so after the last events of a run', () => {
  const events = createSweepEvents({
    trialCount: 3,
    workerCount: 2,
    finishedCount: 3,
  });
  const end = RUN_START_MS + 100_000;
  const ended = reduceRunEvents(createRunState(), [
    ...events,
    { kind: 'worker-exited', at: end, workerId: 1 },
    { kind: 'worker-exited', at: end, workerId: 2 },
    { kind: 'run-finished', at: end, reason: 'completed' },
  ]);
  const { lastFrame, unmount } = render(
    <WorkerPanel state={ended} width={80} maxLines={3} />,
  );

  expect(lastFrame()).toContain('No workers running: the run has ended.');
  unmount();
});

test('says so when every trial has ended', () => {
  const done = createTestRunState({
    trials: {
      t07: createTestTrial({ status: 'finished' }),
      t08: createTestTrial({ status: 'failed' }),
    },
  });
  const { lastFrame, unmount } = render(
    <WorkerPanel state={done} width={80} maxLines={3} />,
  );

  expect(lastFrame()).toContain('No workers running: every trial has ended.');
  unmount();
});

test('waits for workers while trials are queued', () => {
  const queued = createTestRunState({
    trials: { t07: createTestTrial({ status: 'queued' }) },
  });
  const { lastFrame, unmount } = render(
    <WorkerPanel state={queued} width={80} maxLines={3} />,
  );

  expect(lastFrame()).toContain('No worker has started yet.');
  unmount();
});

test('counts running workers as paused in a pause', () => {
  const paused = { ...state, isPaused: true, pausedAt: state.now };
  const { lastFrame, unmount } = render(
    <WorkerPanel state={paused} width={80} maxLines={6} />,
  );

  expect(lastFrame()).toMatch(/^─ Workers {2}6 paused ─+$/m);
  unmount();
});

const queued = createQueuedSweepState(
  { trialCount: 30, workerCount: 4, finishedCount: 4 },
  [
    { hostId: 'gpu-box-4312', host: 'gpu-box', threads: 2 },
    { hostId: 'node-a-77', host: 'node-a', threads: 2 },
  ],
);

const lost = reduceRunEvents(queued, [
  { kind: 'host-lost', at: queued.now + 5_000, hostId: 'gpu-box-4312' },
]);

test('groups threads under their hosts', () => {
  const { lastFrame, unmount } = render(
    <WorkerPanel state={queued} width={80} maxLines={6} />,
  );

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines[0]).toMatch(/^─ Workers {2}4 running ─+$/);
  expect(lines.slice(1).map((line) => line.slice(0, 14))).toEqual([
    '  gpu-box  2/2',
    '  w1  running ',
    '  w2  running ',
    '  node-a   2/2',
    '  w3  running ',
    '  w4  running ',
  ]);
  expect(lines[1]).toContain('CPU ');
  expect(lines[1]).toContain('Mem ');
  unmount();
});

test('marks the selected host', () => {
  const { lastFrame, unmount } = render(
    <WorkerPanel
      state={queued}
      width={80}
      maxLines={6}
      selectedHostId="node-a-77"
    />,
  );

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines[4]).toMatch(/^› node-a {3}2\/2 busy/);
  expect(lines[1]).toMatch(/^ {2}gpu-box/);
  unmount();
});

test('marks a lost host and fails its threads', () => {
  const { lastFrame, unmount } = render(
    <WorkerPanel state={lost} width={80} maxLines={6} />,
  );

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines[0]).toMatch(
    /^─ Workers {2}2 running · 2 failed · 1 host lost ─+$/,
  );
  expect(lines[4]).toBe('  gpu-box  LOST  no heartbeat for 5s');
  expect(lines[5]).toMatch(
    /^ {2}w1 {2}failed .* host lost: heartbeats stopped$/,
  );
  unmount();
});

test('lists live hosts before lost ones', () => {
  const { lastFrame, unmount } = render(
    <WorkerPanel state={lost} width={80} maxLines={6} />,
  );

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines[1]).toMatch(/^ {2}node-a /);
  unmount();
});

test('scrolls to the selected host', () => {
  const { lastFrame, unmount } = render(
    <WorkerPanel
      state={queued}
      width={80}
      maxLines={4}
      selectedHostId="node-a-77"
    />,
  );

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines).toHaveLength(5);
  expect(lines[1]).toMatch(/^› node-a /);
  expect(lines[4]).toBe('  +3 above');
  unmount();
});

test('keeps rows of a queued run within the width', () => {
  const { lastFrame, unmount } = render(
    <WorkerPanel state={lost} width={80} maxLines={6} />,
  );

  for (const line of lastFrame()?.split('\n') ?? []) {
    expect([...line].length).toBeLessThanOrEqual(80);
  }

  unmount();
});

const queue = {
  redis: 'redis://:***@db-host:6379/0',
  prefix: 'team-b',
  isReachable: true,
  error: null,
};

test('tells how to serve a queued run that no worker serves yet', () => {
  const waiting = createTestRunState({
    trialIds: ['t1'],
    trials: { t1: createTestTrial({ status: 'queued' }) },
    queue,
  });
  const { lastFrame, unmount } = render(
    <WorkerPanel state={waiting} width={100} maxLines={4} />,
  );

  expect(lastFrame()).toContain(
    'No workers yet: traintop worker --redis ' +
      'redis://:***@db-host:6379/0 --prefix team-b',
  );
  unmount();
});

test('says when the coordinator cannot reach Redis', () => {
  const cutOff = {
    ...queued,
    queue: { ...queue, isReachable: false, error: 'connect ECONNREFUSED' },
  };
  const { lastFrame, unmount } = render(
    <WorkerPanel state={cutOff} width={200} maxLines={6} />,
  );

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines[1]).toBe(
    'Redis at redis://:***@db-host:6379/0 unreachable (connect ' +
      'ECONNREFUSED): reconnecting; workers keep their trials and controls ' +
      'wait.',
  );
  expect(lines.length).toBeLessThanOrEqual(7);
  unmount();
});
