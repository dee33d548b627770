import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { WorkerPanel } from '../../../source/ui/components/worker-panel.js';
import {
  createSweepState,
  createTestRunState,
  createTestWorker,
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

test('counts running workers as paused in a pause', () => {
  const paused = { ...state, isPaused: true, pausedAt: state.now };
  const { lastFrame, unmount } = render(
    <WorkerPanel state={paused} width={80} maxLines={6} />,
  );

  expect(lastFrame()).toMatch(/^─ Workers {2}6 paused ─+$/m);
  unmount();
});
