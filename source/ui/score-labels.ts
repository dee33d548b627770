import type { Task } from '../data/dataset.js';
import type { DataSource } from '../state/events.js';
import type { RunState } from '../state/run-state.js';

/**
 * Returns the task of a run's data. Runs whose events carry no data, such
 * as logs written before CSV files could be trained on, were classification
 * on iris.
 */
export function taskOf(data: DataSource | null): Task {
  return data?.task ?? 'classification';
}

/** Returns the short name of the task's score: "acc" or "R²". */
export function scoreLabel(task: Task): string {
  return task === 'classification' ? 'acc' : 'R²';
}

/** Returns the name of the task's score in prose: "accuracy" or "R²". */
export function scoreName(task: Task): string {
  return task === 'classification' ? 'accuracy' : 'R²';
}

/**
 * Returns the header of the finished forest's own measure: macro F1 for
 * classification, test RMSE for regression.
 */
export function metricLabel(task: Task): string {
  return task === 'classification' ? 'macro F1' : 'test RMSE';
}

/**
 * Returns whether the run scores trials by cross-validation. Without data
 * in the events, a finished trial with more than one fold score shows it.
 */
export function isCrossValidated(state: RunState): boolean {
  if (state.data !== null) {
    return state.data.evaluation.kind === 'cv';
  }

  return Object.values(state.trials).some(
    (trial) => trial.foldTestScores.length > 1,
  );
}
