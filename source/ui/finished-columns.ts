import type { Task } from '../data/dataset.js';
import type { TrialState } from '../state/run-state.js';
import {
  ERROR_MAX_CELLS,
  SCORE_MAX_CELLS,
  formatScore,
  formatScoreWithSpread,
  formatTrainingTime,
  formatTrialMetric,
  formatTrialParams,
} from './format.js';
import { textWidth, type TextAlign } from './text-cells.js';
import { metricLabel } from './score-labels.js';

/** Cells before the first column, where the selected row shows its marker. */
export const SELECTION_GUTTER_WIDTH = 2;

const ID_WIDTH = 6;
/** Wide enough for "T1000 f12 d20 s1000" and a gap. */
const PARAMS_WIDTH = 20;
const SCORE_WIDTH = SCORE_MAX_CELLS + 1;
/**
 * A score, "±" and a spread, as in "-0.123±0.456", and a gap. A spread is
 * never negative, so it takes a cell less than a score.
 */
const SCORE_WITH_SPREAD_WIDTH = 2 * SCORE_MAX_CELLS + 1;
const TREES_WIDTH = 7;
const TIME_WIDTH = 8;

export type FinishedColumnKey =
  'id' | 'params' | 'train' | 'test' | 'oob' | 'trees' | 'time' | 'metric';

/** One column of the finished table: its header, cells and width. */
export type FinishedColumn = {
  readonly key: FinishedColumnKey;
  readonly header: string;
  /** Cells, the gap before the next column included. */
  readonly width: number;
  readonly align: TextAlign;
  readonly cell: (trial: TrialState) => string;
};

export type FinishedColumnsInput = {
  /** Cells the row may take, the selection gutter included. */
  readonly width: number;
  readonly task: Task;
  /** Whether test scores are fold means, which then show their spread. */
  readonly isCrossValidated: boolean;
  /**
   * Whether any trial has the task's own measure. Logs written before it
   * was recorded have none, and then the column stays out.
   */
  readonly hasMetrics: boolean;
};

/**
 * Plans the columns of the finished table. Under cross-validation the test
 * column adds the spread of the fold scores. The task's own measure, macro
 * F1 or test RMSE, comes last and is the first to go when the row does not
 * fit.
 */
export function planFinishedColumns({
  width,
  task,
  isCrossValidated,
  hasMetrics,
}: FinishedColumnsInput): FinishedColumn[] {
  const columns: FinishedColumn[] = [
    column('id', 'trial', ID_WIDTH, 'left', (trial) => trial.spec.id),
    column('params', 'params', PARAMS_WIDTH, 'left', (trial) =>
      formatTrialParams(trial.spec.params),
    ),
    column('train', 'train', SCORE_WIDTH, 'right', (trial) =>
      formatScore(trial.trainScore),
    ),
    isCrossValidated
      ? column('test', 'test', SCORE_WITH_SPREAD_WIDTH, 'right', (trial) =>
          formatScoreWithSpread(trial.testScore, trial.foldTestScores),
        )
      : column('test', 'test', SCORE_WIDTH, 'right', (trial) =>
          formatScore(trial.testScore),
        ),
    column('oob', 'oob', SCORE_WIDTH, 'right', (trial) =>
      formatScore(trial.oobScore),
    ),
    column('trees', 'trees', TREES_WIDTH, 'right', (trial) =>
      String(trial.treesDone),
    ),
    column('time', 'time', TIME_WIDTH, 'right', (trial) =>
      formatTrainingTime(trial.elapsedMs),
    ),
  ];

  if (!hasMetrics) {
    return columns;
  }

  const metric = metricColumn(task);
  const fullWidth = SELECTION_GUTTER_WIDTH + totalWidth([...columns, metric]);

  return fullWidth <= width ? [...columns, metric] : columns;
}

/** Returns the column of the task's own measure of a finished forest. */
function metricColumn(task: Task): FinishedColumn {
  const header = metricLabel(task);
  const cellWidth =
    task === 'classification' ? SCORE_MAX_CELLS : ERROR_MAX_CELLS;
  const width = Math.max(textWidth(header), cellWidth) + 1;

  // A pruned trial has no finished forest to measure, so its cell shows why.
  return column('metric', header, width, 'right', (trial) =>
    trial.status === 'pruned' ? 'pruned' : formatTrialMetric(trial.metrics),
  );
}

function column(
  key: FinishedColumnKey,
  header: string,
  width: number,
  align: TextAlign,
  cell: (trial: TrialState) => string,
): FinishedColumn {
  return { key, header, width, align, cell };
}

function totalWidth(columns: readonly FinishedColumn[]): number {
  return columns.reduce((total, { width }) => total + width, 0);
}
