import type { Task } from '../data/dataset.js';
import { formatAlertSummary } from './alert-summary.js';
import type { RunState, TrialState } from '../state/run-state.js';
import {
  countTrials,
  rankFinishedTrials,
  selectElapsedMs,
  selectFailedTrials,
} from '../state/selectors.js';
import { dataSummaryParts } from '../ui/data-summary.js';
import {
  formatScore,
  formatScoreWithSpread,
  formatTrainingTime,
  formatTrialMetric,
  toOneLine,
} from '../ui/format.js';
import {
  isCrossValidated,
  metricLabel,
  scoreLabel,
  scoreName,
  taskOf,
} from '../ui/score-labels.js';
import { cutText, fitText, textWidth, wrapText } from '../ui/text-cells.js';

/** Width assumed for a terminal that does not report its own, in columns. */
const DEFAULT_COLUMNS = 80;
/** Indent of the lines a wrapped sentence continues on. */
const WRAP_INDENT = '  ';
const BEST_TRIALS_SHOWN = 10;
const COLUMN_GAP = '  ';

type ColumnKey =
  | 'id'
  | 'trees'
  | 'features'
  | 'depth'
  | 'seed'
  | 'train'
  | 'test'
  | 'oob'
  | 'time'
  | 'metric';

type Column = {
  readonly key: ColumnKey;
  readonly header: string;
  readonly align: 'left' | 'right';
  readonly cell: (trial: TrialState) => string;
};

/** What decides the columns of the best-trials table. */
type TableKind = {
  readonly task: Task;
  /** Whether test scores are fold means, shown with their spread. */
  readonly isCrossValidated: boolean;
  /** Whether any trial has macro F1 or RMSE, which older logs lack. */
  readonly hasMetrics: boolean;
};

/**
 * Columns dropped first, in order, when the table is wider than the screen.
 * The train score goes before macro F1 or test RMSE, so 80 columns keep the
 * task's own measure even under cross-validation.
 */
const DROP_ORDER: readonly ColumnKey[] = [
  'train',
  'metric',
  'oob',
  'seed',
  'time',
];

/** Returns the columns of the best-trials table, in display order. */
function listColumns(kind: TableKind): Column[] {
  const columns: Column[] = [
    column('id', 'id', 'left', (trial) => trial.spec.id),
    column('trees', 'trees', 'right', (trial) =>
      String(trial.spec.params.trees),
    ),
    column('features', 'max features', 'right', (trial) =>
      String(trial.spec.params.maxFeatures),
    ),
    column('depth', 'max depth', 'right', (trial) =>
      String(trial.spec.params.maxDepth),
    ),
    column('seed', 'seed', 'right', (trial) => String(trial.spec.params.seed)),
    column('train', 'train', 'right', (trial) => formatScore(trial.trainScore)),
    column('test', 'test', 'right', (trial) =>
      kind.isCrossValidated
        ? formatScoreWithSpread(trial.testScore, trial.foldTestScores)
        : formatScore(trial.testScore),
    ),
    column('oob', 'oob', 'right', (trial) => formatScore(trial.oobScore)),
    column('time', 'time', 'right', (trial) =>
      formatTrainingTime(trial.elapsedMs),
    ),
  ];

  return kind.hasMetrics
    ? [
        ...columns,
        column('metric', metricLabel(kind.task), 'right', (trial) =>
          formatTrialMetric(trial.metrics),
        ),
      ]
    : columns;
}

function column(
  key: ColumnKey,
  header: string,
  align: Column['align'],
  cell: Column['cell'],
): Column {
  return { key, header, align, cell };
}

export type SummaryOptions = {
  /**
   * Width to fit, in terminal columns. Sentences wrap to it, and the table
   * drops columns and then cuts rows to fit. Default undefined, which keeps
   * every line whole, as output to a file or a pipe needs.
   */
  readonly columns?: number;
  /**
   * Whether a process is training the run now, so a run without an end is
   * described as running rather than as one that ended. Default false.
   */
  readonly isRunning?: boolean;
};

/** The part of a stream such as process.stdout that decides the width. */
export type SummaryStream = {
  readonly isTTY?: boolean;
  readonly columns?: number;
};

/**
 * Returns the summary options for a stream: the width of a terminal, and no
 * width for a file or a pipe. A terminal that reports no width gets
 * DEFAULT_COLUMNS.
 */
export function summaryOptionsFor(stream: SummaryStream): SummaryOptions {
  if (stream.isTTY !== true) {
    return {};
  }

  const { columns } = stream;

  return {
    columns: columns !== undefined && columns > 0 ? columns : DEFAULT_COLUMNS,
  };
}

/**
 * Formats the summary printed after the monitor exits: how the run ended,
 * the data it trained on, trial counts, the best trials by test score
 * (accuracy or R²), and the failed trials with their errors. Ends with a
 * newline.
 */
export function formatSummary(
  state: RunState,
  options: SummaryOptions = {},
): string {
  const { columns } = options;
  if (state.runId === '') {
    return 'No run started.\n';
  }

  const sections = [
    wrapLines(formatOutcome(state, options.isRunning === true), columns),
    formatBestTrials(state, columns),
    wrapLines(formatFailedTrials(state), columns),
    wrapLines(formatPrunedTrials(state), columns),
    wrapLines(formatAlertSummary(state), columns),
  ].filter((section) => section.length > 0);
  const lines = sections.flatMap((section, index) =>
    index === 0 ? section : ['', ...section],
  );

  return `${lines.join('\n')}\n`;
}

/** Wraps each line to `columns`, or keeps it whole without a width. */
function wrapLines(
  lines: readonly string[],
  columns: number | undefined,
): string[] {
  if (columns === undefined) {
    return [...lines];
  }

  return lines.flatMap((line) => wrapText(line, columns, WRAP_INDENT));
}

/**
 * Describes the trials a halving search stopped early, by the best of them,
 * so a reader can judge what the pruning gave up.
 */
function formatPrunedTrials(state: RunState): string[] {
  const pruned = Object.values(state.trials).filter(
    (trial) => trial.status === 'pruned',
  );
  if (pruned.length === 0) {
    return [];
  }

  const best = pruned.reduce((found, trial) =>
    (trial.testScore ?? -Infinity) > (found.testScore ?? -Infinity)
      ? trial
      : found,
  );
  const label = scoreLabel(taskOf(state.data));

  return [
    `Pruned by halving: ${pruned.length} trials; the best of them, ` +
      `${best.spec.id}, had test ${label} ${formatScore(best.testScore)} at ` +
      `${best.treesDone} of ${best.spec.params.trees} trees.`,
  ];
}

function formatOutcome(state: RunState, isRunning: boolean): string[] {
  const elapsed = formatTrainingTime(selectElapsedMs(state));
  const run = `Run ${state.runId} (${state.job})`;
  const counts = countTrials(state);
  const parts = [`${counts.finished} finished`, `${counts.failed} failed`];
  if (counts.pruned > 0) {
    parts.push(`${counts.pruned} pruned`);
  }
  const data =
    state.data === null
      ? []
      : [`Data: ${dataSummaryParts(state.data).join(', ')}.`];

  if (state.finishReason === 'completed') {
    return [
      `${run} completed in ${elapsed}.`,
      ...data,
      `Trials: ${parts.join(', ')}, ${counts.total} in total.`,
    ];
  }

  const { interrupted, neverRan } = countUnfinished(state);
  if (isRunning && state.finishReason === null) {
    return [
      `${run} is running: ${elapsed} so far; follow it with traintop ` +
        `watch ${state.runId}.`,
      ...data,
      `Trials: ${parts.join(', ')}, ${interrupted} started, ` +
        `${neverRan} queued, ${counts.total} in total.`,
    ];
  }

  if (interrupted > 0) {
    parts.push(`${interrupted} interrupted`);
  }
  parts.push(`${neverRan} never ran`);

  const ending =
    state.finishReason === 'stopped'
      ? `was stopped early after ${elapsed}`
      : `ended after ${elapsed} without finishing`;

  return [
    `${run} ${ending}.`,
    ...data,
    `Trials: ${parts.join(', ')}, ${counts.total} in total.`,
  ];
}

/** Counts trials that started but did not end, and trials never started. */
function countUnfinished(state: RunState) {
  let interrupted = 0;
  let neverRan = 0;
  for (const trial of Object.values(state.trials)) {
    if (trial.status === 'queued' && trial.attempt === 0) {
      neverRan += 1;
    } else if (trial.status === 'queued' || trial.status === 'running') {
      interrupted += 1;
    }
  }

  return { interrupted, neverRan };
}

function formatBestTrials(
  state: RunState,
  columns: number | undefined,
): string[] {
  const ranked = rankFinishedTrials(state);
  if (ranked.length === 0) {
    return wrapLines(['No trial finished.'], columns);
  }

  const best = ranked.slice(0, BEST_TRIALS_SHOWN);
  const kind: TableKind = {
    task: taskOf(state.data),
    isCrossValidated: isCrossValidated(state),
    hasMetrics: ranked.some((trial) => trial.metrics !== null),
  };
  const measure = describeMeasure(state, kind);
  const title =
    ranked.length > best.length
      ? `Best ${best.length} of ${ranked.length} finished trials ` +
        `by ${measure}:`
      : `Finished trials by ${measure}:`;

  return [
    ...wrapLines([title], columns),
    ...formatTable(best, listColumns(kind), columns),
  ];
}

/**
 * Describes what ranks the trials: "test accuracy", or under
 * cross-validation "test R², mean±SD over 5 folds".
 */
function describeMeasure(state: RunState, kind: TableKind): string {
  const measure = `test ${scoreName(kind.task)}`;
  if (!kind.isCrossValidated) {
    return measure;
  }

  const evaluation = state.data?.evaluation;
  const folds =
    evaluation?.kind === 'cv' ? `${evaluation.folds} folds` : 'folds';

  return `${measure}, mean±SD over ${folds}`;
}

/**
 * Lays out the trials as aligned rows. To fit `columns`, it drops columns,
 * then cuts the rows that are still too wide.
 */
function formatTable(
  trials: readonly TrialState[],
  allColumns: readonly Column[],
  columns: number | undefined,
) {
  const visible =
    columns === undefined
      ? allColumns
      : chooseColumns(trials, allColumns, columns);
  const cells = tableCells(trials, visible);
  const widths = columnWidths(cells);

  return cells.map((row) => {
    const line = row
      .map((cell, index) =>
        fitText(cell, widths[index] ?? 0, visible[index]?.align),
      )
      .join(COLUMN_GAP)
      .trimEnd();

    return columns === undefined ? line : cutText(line, columns);
  });
}

/** Returns the table columns left after dropping, in DROP_ORDER, to fit. */
function chooseColumns(
  trials: readonly TrialState[],
  allColumns: readonly Column[],
  columns: number,
) {
  let visible = [...allColumns];
  for (const key of DROP_ORDER) {
    if (tableWidth(tableCells(trials, visible)) <= columns) {
      break;
    }

    visible = visible.filter((column) => column.key !== key);
  }

  return visible;
}

/** Returns the header row and one row per trial, as unpadded cells. */
function tableCells(
  trials: readonly TrialState[],
  visible: readonly Column[],
): string[][] {
  return [
    visible.map((column) => column.header),
    ...trials.map((trial) => visible.map((column) => column.cell(trial))),
  ];
}

function columnWidths(rows: readonly (readonly string[])[]): number[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, textWidth(cell));
    });
  }

  return widths;
}

function tableWidth(rows: readonly (readonly string[])[]): number {
  const widths = columnWidths(rows);
  const cellsWidth = widths.reduce((sum, width) => sum + width, 0);

  return cellsWidth + COLUMN_GAP.length * Math.max(0, widths.length - 1);
}

function formatFailedTrials(state: RunState): string[] {
  const failed = selectFailedTrials(state).sort(
    (a, b) => a.spec.index - b.spec.index,
  );
  if (failed.length === 0) {
    return [];
  }

  return [
    'Failed trials:',
    ...failed.map(
      (trial) =>
        `${trial.spec.id}  after ${formatAttempts(trial.attempt)}: ` +
        toOneLine(trial.error ?? 'unknown error'),
    ),
  ];
}

function formatAttempts(attempts: number): string {
  return attempts === 1 ? '1 attempt' : `${attempts} attempts`;
}
