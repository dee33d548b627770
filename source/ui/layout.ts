import { CURVE_POINTS } from '../state/constants.js';
import {
  MAX_CORE_LINES,
  MIN_FINISHED_ROWS,
  MIN_SPARKLINE_WIDTH,
} from './constants.js';

/** Lines of the header and of the footer. */
export const HEADER_LINES = 3;
export const FOOTER_LINES = 1;

/** Label column of the system panel, wide enough for "Process". */
export const SYSTEM_LABEL_WIDTH = 8;

/** Cells of one per-core bar, and blank cells between two cores. */
export const CORE_BAR_WIDTH = 6;
export const CORE_GAP = 2;

/** Cells of a worker row outside its progress bar and sparkline. */
export const WORKER_ID_WIDTH = 4;
export const WORKER_STATE_WIDTH = 8;
export const WORKER_TRIAL_WIDTH = 22;
export const WORKER_PERCENT_WIDTH = 5;
/** Cells of the score column: a gap and a score as wide as "-0.123". */
export const WORKER_SCORE_WIDTH = 7;
export const WORKER_CPU_WIDTH = 9;

const WORKER_FIXED_WIDTH =
  WORKER_ID_WIDTH +
  WORKER_STATE_WIDTH +
  WORKER_TRIAL_WIDTH +
  WORKER_PERCENT_WIDTH +
  WORKER_SCORE_WIDTH +
  WORKER_CPU_WIDTH;

const MIN_WORKER_BAR_WIDTH = 4;
const MAX_WORKER_BAR_WIDTH = 20;

/** Part of a list that fits in a number of lines, and what was cut. */
export type ListCut<T> = {
  readonly visibleItems: readonly T[];
  /** Items left out. When above 0, the last line shows "+N more". */
  readonly hiddenCount: number;
};

/**
 * Cuts a list to `maxLines` lines. When it does not fit, the last line goes
 * to a "+N more" note, so the result never takes more than `maxLines`.
 */
export function cutList<T>(items: readonly T[], maxLines: number): ListCut<T> {
  const lines = Math.max(0, Math.floor(maxLines));
  if (items.length <= lines) {
    return { visibleItems: items, hiddenCount: 0 };
  }

  const visibleItems = items.slice(0, Math.max(0, lines - 1));

  return { visibleItems, hiddenCount: items.length - visibleItems.length };
}

/** Part of a list that fits in a number of lines around a selected item. */
export type ListWindow<T> = {
  readonly visibleItems: readonly T[];
  /** Position in the whole list of the first visible item. */
  readonly firstIndex: number;
  /** Items left out above and below the window. */
  readonly hiddenBefore: number;
  readonly hiddenAfter: number;
};

/**
 * Cuts a list to `maxLines` lines so the item at `selectedIndex` stays in
 * sight. When the list does not fit, the last line goes to a note on what
 * was left out, and the window scrolls only as far as the selected item
 * needs. An index of -1 selects nothing and keeps the top of the list.
 */
export function scrollList<T>(
  items: readonly T[],
  maxLines: number,
  selectedIndex: number,
): ListWindow<T> {
  const lines = Math.max(0, Math.floor(maxLines));
  if (items.length <= lines) {
    return {
      visibleItems: items,
      firstIndex: 0,
      hiddenBefore: 0,
      hiddenAfter: 0,
    };
  }

  const rows = Math.max(0, lines - 1);
  const firstIndex = clamp(selectedIndex - rows + 1, 0, items.length - rows);
  const visibleItems = items.slice(firstIndex, firstIndex + rows);

  return {
    visibleItems,
    firstIndex,
    hiddenBefore: firstIndex,
    hiddenAfter: items.length - firstIndex - visibleItems.length,
  };
}

/** Layout of the per-core load lines in the system panel. */
export type CoreLayout =
  /** No per-core sample yet: one "sampling…" line. */
  | { readonly kind: 'sampling'; readonly lines: 1 }
  /** Labelled bars, `perLine` cores a line. */
  | { readonly kind: 'bars'; readonly perLine: number; readonly lines: number }
  /** One sparkline glyph a core, for machines with too many cores for bars. */
  | {
      readonly kind: 'strip';
      readonly perLine: number;
      readonly lines: number;
    };

/** Plans the per-core lines of the system panel for a terminal width. */
export function planCores(coreCount: number, columns: number): CoreLayout {
  if (coreCount === 0) {
    return { kind: 'sampling', lines: 1 };
  }

  const available = Math.max(1, columns - SYSTEM_LABEL_WIDTH);
  const cellWidth = coreCellWidth(coreCount);
  const perLine = Math.max(
    1,
    Math.floor((available + CORE_GAP) / (cellWidth + CORE_GAP)),
  );
  const barLines = Math.ceil(coreCount / perLine);
  if (barLines <= MAX_CORE_LINES) {
    return { kind: 'bars', perLine, lines: barLines };
  }

  return {
    kind: 'strip',
    perLine: available,
    lines: Math.min(Math.ceil(coreCount / available), MAX_CORE_LINES),
  };
}

/** Returns the cells of one core's label, bar and percent. */
export function coreCellWidth(coreCount: number): number {
  const labelWidth = String(Math.max(0, coreCount - 1)).length;

  return labelWidth + 1 + CORE_BAR_WIDTH + 1 + 4;
}

/** Lines of the system panel, its title included. */
export function systemPanelLines(coreCount: number, columns: number): number {
  const titleLines = 1;
  const meterLines = 1;
  const processLines = 1;

  return (
    titleLines + meterLines + planCores(coreCount, columns).lines + processLines
  );
}

/** Widths of the variable parts of a worker row. */
export type WorkerColumns = {
  readonly barWidth: number;
  /** Cells of the sparkline, or 0 when the row is too narrow for one. */
  readonly sparklineWidth: number;
};

/**
 * Splits the width left over by a worker row's fixed columns between the
 * progress bar and the sparkline. The sparkline goes first when room is
 * short, and never grows past the history kept per trial.
 */
export function planWorkerColumns(columns: number): WorkerColumns {
  const free = Math.max(0, columns - WORKER_FIXED_WIDTH);
  const barWidth = clamp(
    Math.floor(free / 2),
    MIN_WORKER_BAR_WIDTH,
    MAX_WORKER_BAR_WIDTH,
  );
  const sparklineRoom = free - barWidth - 1;
  if (sparklineRoom < MIN_SPARKLINE_WIDTH) {
    return {
      barWidth: clamp(free - 1, MIN_WORKER_BAR_WIDTH, MAX_WORKER_BAR_WIDTH),
      sparklineWidth: 0,
    };
  }

  return { barWidth, sparklineWidth: Math.min(sparklineRoom, CURVE_POINTS) };
}

/** Terminal size and run facts that size the panels of the full layout. */
export type FullLayoutInput = {
  readonly columns: number;
  readonly rows: number;
  readonly workerCount: number;
  /**
   * Lines of the worker processes of a queued run, each above its threads.
   * Default 0, as in a local run.
   */
  readonly hostCount?: number;
  readonly finishedCount: number;
  readonly coreCount: number;
  readonly hasFailedTrials: boolean;
  /** Whether an alert is active, which takes a line. Default false. */
  readonly hasAlerts?: boolean;
};

/** Body lines of the two lists in the full layout. */
export type FullLayout = {
  /** Lines under the workers title, the "+N more" line included. */
  readonly workerLines: number;
  /** Lines under the finished table's column header, "+N more" included. */
  readonly finishedLines: number;
};

/**
 * Shares the rows left by the fixed panels between the worker list and the
 * finished table. Workers come first, but the table keeps a few rows so the
 * best results stay in sight. Each list gets at least one line.
 */
export function planFullLayout(input: FullLayoutInput): FullLayout {
  const workersTitle = 1;
  const finishedTitleAndHeader = 2;
  const failureLines = input.hasFailedTrials ? 1 : 0;
  const alertLines = input.hasAlerts === true ? 1 : 0;
  const fixed =
    HEADER_LINES +
    alertLines +
    FOOTER_LINES +
    workersTitle +
    systemPanelLines(input.coreCount, input.columns) +
    finishedTitleAndHeader +
    failureLines;
  const free = Math.max(2, input.rows - fixed);

  const finishedReserve = Math.min(
    Math.max(1, input.finishedCount),
    MIN_FINISHED_ROWS,
  );
  const workerLines = clamp(
    Math.max(1, input.workerCount + (input.hostCount ?? 0)),
    1,
    Math.max(1, free - finishedReserve),
  );

  return { workerLines, finishedLines: Math.max(1, free - workerLines) };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
