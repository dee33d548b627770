import type { RunState } from '../state/run-state.js';
import { analyzeRun, type RunAnalysis } from './run-analysis.js';

/**
 * Shortest time between two analyses of a live run, in ms of run time.
 * Fitting the importance model takes up to about 0.1 s on the thread that
 * draws the monitor, and trials can finish several times a second.
 */
export const REFIT_INTERVAL_MS = 1000;

/** Analyses a run, reusing the last result while its inputs are unchanged. */
export type RunAnalyzer = (state: RunState) => RunAnalysis;

/**
 * Returns an analyzer that caches its last analysis. Fitting the importance
 * model is the costly step, and it depends only on the ended trials. So the
 * analyzer recomputes only when a trial finished or failed, a score
 * changed, or the run ended, which it detects by a key built from those
 * facts. While the run goes on, it also waits REFIT_INTERVAL_MS of run
 * time after an analysis before the next. The monitor redraws every tick,
 * so a change shows at most that much later.
 */
export function createRunAnalyzer(): RunAnalyzer {
  let lastKey: string | null = null;
  let lastAnalysis: RunAnalysis | null = null;
  let lastAt = 0;

  return (state) => {
    const key = analysisKey(state);
    if (lastAnalysis !== null && key === lastKey) {
      return lastAnalysis;
    }

    const isLive = state.finishedAt === null;
    if (
      lastAnalysis !== null &&
      isLive &&
      state.now - lastAt < REFIT_INTERVAL_MS
    ) {
      return lastAnalysis;
    }

    lastKey = key;
    lastAt = state.now;
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
