import { expect, test } from 'vitest';
import {
  createRunAnalyzer,
  REFIT_INTERVAL_MS,
} from '../../source/analysis/cached-analysis.js';
import {
  createCraftedTrials,
  createStateOf,
  FULL_GRID,
  scoreByDepth,
} from './sweeps.js';

const trials = createCraftedTrials(FULL_GRID, scoreByDepth);

test('reuses the analysis while no trial ends', () => {
  const analyze = createRunAnalyzer();
  const state = createStateOf(trials, true);
  const first = analyze(state);

  expect(analyze({ ...state, now: state.now + 1000 })).toBe(first);
});

test('reuses the analysis while a trial only runs', () => {
  const analyze = createRunAnalyzer();
  const queued = { ...trials[0]!, status: 'queued' as const };
  const state = createStateOf([queued, ...trials.slice(1)], true);
  const first = analyze(state);
  const running = { ...queued, status: 'running' as const, treesDone: 10 };

  expect(analyze({ ...state, trials: { ...state.trials, t00: running } })).toBe(
    first,
  );
});

test('analyses again once a trial finishes', () => {
  const analyze = createRunAnalyzer();
  const queued = { ...trials[0]!, status: 'queued' as const };
  const state = createStateOf([queued, ...trials.slice(1)], true);
  const first = analyze(state);
  const finished = { ...state, trials: { ...state.trials, t00: trials[0]! } };

  // Within the interval the last analysis is kept, and after it a new one
  // is made.
  expect(analyze({ ...finished, now: state.now + 10 })).toBe(first);
  const next = analyze({ ...finished, now: state.now + REFIT_INTERVAL_MS });
  expect(next).not.toBe(first);
  expect(next.scoredTrials).toBe(first.scoredTrials + 1);
});

test('analyses again once the run ends', () => {
  const analyze = createRunAnalyzer();
  const state = createStateOf(trials, true);
  const first = analyze(state);

  expect(analyze({ ...state, finishedAt: state.now })).not.toBe(first);
});
