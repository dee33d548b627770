import { expect, test } from 'vitest';
import { describeEta } from '../../source/ui/run-status.js';
import {
  createTestRunState,
  createTestTrial,
  RUN_START_MS,
} from './factories.js';

const halfDone = createTestRunState({
  now: RUN_START_MS + 10_000,
  trials: { t07: createTestTrial({ status: 'running', treesDone: 100 }) },
});

test('shows the estimate while running', () => {
  expect(describeEta(halfDone).text).toBe('10s');
});

test('shows paused while paused', () => {
  const paused = { ...halfDone, isPaused: true, pausedAt: halfDone.now };

  expect(describeEta(paused).text).toBe('paused');
});

test('shows a dash before the first tree', () => {
  expect(describeEta(createTestRunState()).text).toBe('—');
});

test('shows how the run ended', () => {
  const ended = { ...halfDone, finishedAt: halfDone.now };

  expect(describeEta({ ...ended, finishReason: 'completed' }).text).toBe(
    'done',
  );
  expect(describeEta({ ...ended, finishReason: 'stopped' }).text).toBe(
    'stopped',
  );
});
