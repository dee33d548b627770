import type { Evaluation } from '../plan/evaluation.js';
import type { DataSource } from '../state/events.js';
import { cutMiddle, textWidth } from './text-cells.js';
import { glyphs } from './theme.js';

/** Minimum cells a data set name is cut to before it is left out. */
const MIN_NAME_CELLS = 12;

const SEPARATOR = ` ${glyphs.separator} `;

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
 * the task goes first, then the rows. After that the name is cut in the
 * middle, down to MIN_NAME_CELLS, and then left out. Returns an empty string
 * when not even the evaluation fits.
 */
export function describeData(data: DataSource, maxCells: number): string {
  const [name, rows, task, evaluation] = dataSummaryParts(data);
  const variants = [
    [name, rows, task, evaluation],
    [name, rows, evaluation],
    [name, evaluation],
  ];
  for (const parts of variants) {
    const text = parts.join(SEPARATOR);
    if (textWidth(text) <= maxCells) {
      return text;
    }
  }

  const afterName = SEPARATOR + evaluation;
  const nameCells = maxCells - textWidth(afterName);
  if (nameCells >= MIN_NAME_CELLS) {
    return cutMiddle(name, nameCells) + afterName;
  }

  return textWidth(evaluation) <= maxCells ? evaluation : '';
}

/**
 * Describes the data with every part, cutting the name in the middle to fit
 * `maxCells`. The name keeps at least MIN_NAME_CELLS, so on a narrow line
 * the text runs past `maxCells` and the caller cuts its end.
 */
export function describeAllData(data: DataSource, maxCells: number): string {
  const [name, ...rest] = dataSummaryParts(data);
  const afterName = rest.map((part) => SEPARATOR + part).join('');
  const nameCells = maxCells - textWidth(afterName);

  return cutMiddle(name, Math.max(MIN_NAME_CELLS, nameCells)) + afterName;
}
