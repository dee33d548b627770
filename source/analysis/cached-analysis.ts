import type { RunState } from '../state/run-state.js';
import { analyzeRun, type RunAnalysis } from './run-analysis.js';

/** Analyses a run, reusing the last result while its inputs are unchanged. */
export type RunAnalyzer = (state: RunState) => RunAnalysis;

/**
 * Returns an analyzer that caches its last analysis. Fitting the importance
 * model is the costly step, and it depends only on the ended trials. So the
 * analyzer recomputes only when a trial finished or failed, a score
 * changed, or the run ended, which it detects by a key built from those
 * facts.
 */
export function createRunAnalyzer(): RunAnalyzer {
  let lastKey: string | null = null;
  let lastAnalysis: RunAnalysis | null = null;

  return (state) => {
    const key = analysisKey(state);
    if (lastAnalysis !== null && key === lastKey) {
      return lastAnalysis;
    }

    lastKey = key;
    lastAnalysis = analyzeRun(state);

    return lastAnalysis;
  };
}

/** Lists what the analysis reads: each ended trial and the run's end. */
function analysisKey(state: RunState): string {
  const parts = [state.runId, String(state.finishedAt ?? 'running')];
  for (const id of state.trialIds) {
    const trial = state.trials[id];
    if (trial?.status === 'finished' || trial?.status === 'failed') {
      parts.push(`${id}:${trial.status}:${trial.testScore}:${trial.elapsedMs}`);
    }
  }

  return `${state.trialIds.length}|${parts.join('|')}`;
}
