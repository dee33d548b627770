import { expect, test } from 'vitest';
import { analyzeRun } from '../../source/analysis/run-analysis.js';
import type { RunAnalysis } from '../../source/analysis/run-analysis.js';
import type { TrialState } from '../../source/state/run-state.js';
import { createTestSpec, createTestTrial } from '../ui/factories.js';
import {
  createCraftedTrials,
  createStateOf,
  FULL_GRID,
  scoreByDepth,
} from './sweeps.js';

/** Returns every number in the analysis, however deep. */
function numbersIn(analysis: RunAnalysis): number[] {
  const numbers: number[] = [];
  JSON.stringify(analysis, (_, value: unknown) => {
    if (typeof value === 'number') {
      numbers.push(value);
    }

    return value;
  });

  return numbers;
}

function failedTrial(index: number): TrialState {
  return createTestTrial({
    spec: createTestSpec({ index }),
    status: 'failed',
    error: 'worker crashed',
  });
}

test('analyses a finished sweep without notes', () => {
  const trials = createCraftedTrials(FULL_GRID, scoreByDepth);
  const analysis = analyzeRun(createStateOf(trials));

  expect(analysis.notes).toEqual([]);
  expect(analysis.scoredTrials).toBe(48);
  expect(analysis.importance.ranking[0]!.name).toBe('maxDepth');
  expect(analysis.msPerTree).toBe(2);
});

test('explains one finished trial', () => {
  const [trial] = createCraftedTrials(FULL_GRID, scoreByDepth);
  const analysis = analyzeRun(createStateOf([trial!]));

  expect(analysis.notes).toEqual([
    'one finished trial: effects need two values of a parameter',
  ]);
  expect(analysis.importance.reason).toBe(
    'needs at least 8 finished trials, has 1',
  );
  expect(analysis.effects.map((effect) => effect.note)).toEqual([
    'trees has one value: no effect to measure',
    'maxFeatures has one value: no effect to measure',
    'maxDepth has one value: no effect to measure',
    'seed has one value: no effect to measure',
  ]);
  expect(numbersIn(analysis).every(Number.isFinite)).toBe(true);
});

test('explains a sweep whose trials all failed', () => {
  const analysis = analyzeRun(createStateOf([failedTrial(0), failedTrial(1)]));

  expect(analysis.notes).toEqual([
    'no finished trials, 2 failed trials: no scores to analyse',
    'the run stopped with 0 of 2 trials finished',
  ]);
  expect(analysis.scoredTrials).toBe(0);
  expect(analysis.msPerTree).toBeNull();
  expect(analysis.importance.ranking).toEqual([]);
  expect(numbersIn(analysis).every(Number.isFinite)).toBe(true);
});

test('warns that a running sweep may change', () => {
  const trials = createCraftedTrials(FULL_GRID, scoreByDepth);
  const running = trials.map((trial, index) =>
    index < 20 ? trial : { ...trial, status: 'queued' as const },
  );
  const analysis = analyzeRun(createStateOf(running, true));

  expect(analysis.isRunning).toBe(true);
  expect(analysis.notes).toEqual([
    'the run is still going, 20 of 48 trials finished: results may change',
  ]);
  expect(analysis.scoredTrials).toBe(20);
});

test('treats a run whose process died as stopped', () => {
  const trials = createCraftedTrials(FULL_GRID, scoreByDepth).slice(0, 10);
  const state = createStateOf([...trials, failedTrial(99)], true);
  const analysis = analyzeRun(state, false);

  expect(analysis.isRunning).toBe(false);
  expect(analysis.notes).toEqual([
    'the run stopped with 10 of 11 trials finished',
    '1 failed trial left out',
  ]);
});

test('explains equal test scores', () => {
  const trials = createCraftedTrials(FULL_GRID, () => 1);
  const analysis = analyzeRun(createStateOf(trials));

  expect(analysis.importance.reason).toBe(
    'all 48 test scores are equal: nothing to explain',
  );
  expect(analysis.effects.every((effect) => effect.meanRange === 0)).toBe(true);
  expect(numbersIn(analysis).every(Number.isFinite)).toBe(true);
});

test('leaves out pruned trials and says what that means', () => {
  const trials = createCraftedTrials(FULL_GRID, scoreByDepth);
  const halved = trials.map((trial, index) =>
    index < 16 ? trial : { ...trial, status: 'pruned' as const },
  );
  const analysis = analyzeRun(createStateOf(halved));

  expect(analysis.scoredTrials).toBe(16);
  expect(analysis.notes).toEqual([
    '32 trials pruned by halving left out: the effects compare only the ' +
      'trials that scored best early, so they understate what the other ' +
      'values lose',
  ]);
});
