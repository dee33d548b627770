import type { TrialState, WorkerState } from '../state/run-state.js';
import { colors, type ThemeColor } from './theme.js';

/** Label and colour of a worker's state in its row. */
export type WorkerDisplayStatus = {
  readonly label: 'running' | 'paused' | 'idle' | 'failed';
  readonly color: ThemeColor;
};

/**
 * Describes a worker for its row. A worker that is running while the run is
 * paused shows `paused`, because the
 * training task stops only at the end of its current chunk.
 */
export function describeWorker(
  worker: WorkerState,
  isRunPaused: boolean,
): WorkerDisplayStatus {
  switch (worker.status) {
    case 'failed':
      return { label: 'failed', color: colors.bad };
    case 'idle':
      return { label: 'idle', color: colors.muted };
    case 'running':
      return isRunPaused
        ? { label: 'paused', color: colors.warn }
        : { label: 'running', color: colors.good };
  }
}

/** Returns the share of a trial's trees grown so far, in [0, 1]. */
export function trialProgress(trial: TrialState): number {
  const trees = trial.spec.params.trees;
  if (trees <= 0) {
    return 0;
  }

  return Math.min(1, Math.max(0, trial.treesDone / trees));
}
