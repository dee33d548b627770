import type { Evaluation } from '../plan/evaluation.js';
import type { DataSource } from '../state/events.js';
import { glyphs } from './theme.js';

/** Describes how trials are scored: "5-fold CV" or "hold-out 20%". */
export function describeEvaluation(evaluation: Evaluation): string {
  if (evaluation.kind === 'cv') {
    return `${evaluation.folds}-fold CV`;
  }

  return `hold-out ${Math.round(evaluation.testFraction * 100)}%`;
}

/**
 * Lists what a run trains on, most telling first: the data set, its rows,
 * the task and the evaluation.
 */
export function dataSummaryParts(
  data: DataSource,
): [name: string, rows: string, task: string, evaluation: string] {
  return [
    data.name,
    `${data.rowCount} rows`,
    data.task,
    describeEvaluation(data.evaluation),
  ];
}

/**
 * Describes the data in at most `maxCells` cells, as in
 * "wine.csv · 178 rows · regression · 5-fold CV". Where that is too wide,
 * the task goes first, then the rows, then the name. Returns an empty string
 * when not even the evaluation fits.
 */
export function describeData(data: DataSource, maxCells: number): string {
  const [name, rows, task, evaluation] = dataSummaryParts(data);
  const variants = [
    [name, rows, task, evaluation],
    [name, rows, evaluation],
    [name, evaluation],
    [evaluation],
  ];
  const separator = ` ${glyphs.separator} `;
  for (const parts of variants) {
    const text = parts.join(separator);
    if ([...text].length <= maxCells) {
      return text;
    }
  }

  return '';
}
