import { expect, test } from 'vitest';
import { colors } from '../../source/ui/theme.js';
import {
  describeWorker,
  trialProgress,
} from '../../source/ui/worker-status.js';
import { createTestTrial, createTestWorker } from './factories.js';

test('running worker shows running', () => {
  const worker = createTestWorker({ status: 'running', trialId: 't07' });

  expect(describeWorker(worker, false)).toEqual({
    label: 'running',
    color: colors.good,
  });
});

test('running worker shows paused while the run is paused', () => {
  const worker = createTestWorker({ status: 'running', trialId: 't07' });

  expect(describeWorker(worker, true).label).toBe('paused');
});

test('idle and failed workers ignore the pause', () => {
  expect(describeWorker(createTestWorker(), true).label).toBe('idle');
  expect(
    describeWorker(createTestWorker({ status: 'failed' }), true).label,
  ).toBe('failed');
});

test('trialProgress divides trees grown by trees planned', () => {
  expect(trialProgress(createTestTrial({ treesDone: 50 }))).toBe(0.25);
  expect(trialProgress(createTestTrial({ treesDone: 400 }))).toBe(1);
});
