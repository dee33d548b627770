import type { Task } from '../data/dataset.js';
import type { RunState } from '../state/run-state.js';
import { type TrialCounts, countTrials } from '../state/selectors.js';
import {
  computeEffects,
  meanMsPerTree,
  type ParameterEffect,
} from './effects.js';
import { rankImportance, type ImportanceResult } from './importance.js';
import { selectScoredTrials } from './parameters.js';

/** Effects on the test score of a run, from its finished trials. */
export type RunAnalysis = {
  readonly runId: string;
  /** Scores are accuracy for classification and R² for regression. */
  readonly task: Task;
  readonly totalTrials: number;
  /** Finished trials with a test score, the ones analysed. */
  readonly scoredTrials: number;
  readonly failedTrials: number;
  /** Whether the run has not finished, so results may still change. */
  readonly isRunning: boolean;
  readonly effects: readonly ParameterEffect[];
  readonly importance: ImportanceResult;
  /** Mean training time per tree over the scored trials, in ms. */
  readonly msPerTree: number | null;
  /** Limits of what can be concluded, most important first. */
  readonly notes: readonly string[];
};

/**
 * Analyses the finished trials of a run: each parameter's effect on the
 * test score, which parameters matter most and the training time per tree.
 * Failed, queued and running trials are counted but not analysed.
 * `isRunning` defaults to whether the events ended the run; a stored run
 * whose process died has no end event and should pass false.
 */
export function analyzeRun(
  state: RunState,
  isRunning = state.finishedAt === null,
): RunAnalysis {
  const counts = countTrials(state);
  const scored = selectScoredTrials(Object.values(state.trials));
  const importance = rankImportance(scored);

  return {
    runId: state.runId,
    // Logs written before runs recorded their data were iris classification.
    task: state.data?.task ?? 'classification',
    totalTrials: counts.total,
    scoredTrials: scored.length,
    failedTrials: counts.failed,
    isRunning,
    effects: computeEffects(scored),
    importance,
    msPerTree: meanMsPerTree(scored),
    notes: listNotes(counts, scored.length, isRunning),
  };
}

function listNotes(
  counts: TrialCounts,
  scored: number,
  isRunning: boolean,
): string[] {
  const { total, failed, pruned } = counts;
  const notes: string[] = [];
  if (scored === 0) {
    notes.push(
      failed > 0
        ? `no finished trials, ${countOf(failed, 'failed trial')}: ` +
            'no scores to analyse'
        : 'no finished trials yet: no scores to analyse',
    );
  } else if (scored === 1) {
    notes.push('one finished trial: effects need two values of a parameter');
  }

  // Pruned trials ended as the search meant them to.
  if (scored + pruned < total) {
    const progress = `${scored} of ${total} trials finished`;
    notes.push(
      isRunning
        ? `the run is still going, ${progress}: results may change`
        : `the run stopped with ${progress}`,
    );
  }

  if (pruned > 0) {
    notes.push(
      `${countOf(pruned, 'trial')} pruned by halving left out: the effects ` +
        'compare only the trials that scored best early, so they understate ' +
        'what the other values lose',
    );
  }

  if (failed > 0 && scored > 0) {
    notes.push(`${countOf(failed, 'failed trial')} left out`);
  }

  return notes;
}

function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
