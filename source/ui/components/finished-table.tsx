import { Box, Text } from 'ink';
import type { RunState, TrialState } from '../../state/run-state.js';
import {
  countTrials,
  rankListedTrials,
  selectFailedTrials,
} from '../../state/selectors.js';
import {
  SELECTION_GUTTER_WIDTH,
  planFinishedColumns,
  type FinishedColumn,
} from '../finished-columns.js';
import { toOneLine } from '../format.js';
import { fitText } from '../text-cells.js';
import { scrollList } from '../layout.js';
import { isCrossValidated, scoreName, taskOf } from '../score-labels.js';
import { colors, glyphs } from '../theme.js';
import { MoreLine } from './more-line.js';
import { SectionTitle } from './section-title.js';

export type FinishedTableProps = {
  readonly state: RunState;
  /** Cells each line may take. */
  readonly width: number;
  /**
   * Lines for trial rows, the "+N more" line included. At least 1. The
   * title, the column header and the failure line come on top.
   */
  readonly maxLines: number;
  /**
   * The trial the arrow keys point at, marked and kept in sight, or null to
   * mark none, as when keys are off. Default null.
   */
  readonly selectedTrialId?: string | null;
};

type RowProps = {
  readonly trial: TrialState;
  readonly columns: readonly FinishedColumn[];
  readonly isBest: boolean;
  readonly isSelected: boolean;
};

/**
 * Draws finished trials, best test score first, then the trials that
 * halving pruned, greyed, with the trees and score they had when pruned.
 * The list is cut to `maxLines` around the selected trial. When trials
 * failed, a last line shows the latest failure's error.
 */
export function FinishedTable({
  state,
  width,
  maxLines,
  selectedTrialId = null,
}: FinishedTableProps) {
  const counts = countTrials(state);
  const ranked = rankListedTrials(state);
  const selectedIndex = ranked.findIndex(
    (trial) => trial.spec.id === selectedTrialId,
  );
  const shown = scrollList(ranked, maxLines, selectedIndex);
  const task = taskOf(state.data);
  const columns = planFinishedColumns({
    width,
    task,
    isCrossValidated: isCrossValidated(state),
    // The column also marks pruned trials, which have no metrics.
    hasMetrics: ranked.some(
      (trial) => trial.metrics !== null || trial.status === 'pruned',
    ),
  });
  const detail = [
    `${counts.finished} of ${counts.total}`,
    `${counts.failed} failed`,
    ...(counts.pruned > 0 ? [`${counts.pruned} pruned`] : []),
    scoreName(task),
  ].join(` ${glyphs.separator} `);

  return (
    <Box flexDirection="column" width={width}>
      <SectionTitle title="Finished" detail={detail} width={width} />
      <ColumnHeader columns={columns} />
      {ranked.length === 0 ? (
        <Text color={colors.muted}>No trial has finished yet.</Text>
      ) : null}
      {shown.visibleItems.map((trial, index) => (
        <FinishedRow
          key={trial.spec.id}
          trial={trial}
          columns={columns}
          isBest={shown.firstIndex + index === 0}
          isSelected={trial.spec.id === selectedTrialId}
        />
      ))}
      <MoreLine
        count={shown.hiddenAfter}
        aboveCount={shown.hiddenBefore}
        noun="trials"
      />
      <LatestFailure state={state} />
    </Box>
  );
}

function ColumnHeader({
  columns,
}: {
  readonly columns: readonly FinishedColumn[];
}) {
  const cells = columns.map((column) =>
    fitText(column.header, column.width, column.align),
  );

  return (
    <Text wrap="truncate" color={colors.muted}>
      {' '.repeat(SELECTION_GUTTER_WIDTH)}
      {cells.join('')}
    </Text>
  );
}

function FinishedRow({ trial, columns, isBest, isSelected }: RowProps) {
  const gutter = fitText(
    isSelected ? glyphs.selected : '',
    SELECTION_GUTTER_WIDTH,
  );

  return (
    <Text wrap="truncate" inverse={isSelected}>
      <Text bold color={colors.accent}>
        {gutter}
      </Text>
      {columns.map((column) => (
        <Text key={column.key} {...cellStyle(column, trial, isBest)}>
          {fitText(column.cell(trial), column.width, column.align)}
        </Text>
      ))}
    </Text>
  );
}

/** Picks a cell's colour: ids stand out, the best test score is bold. */
function cellStyle(
  column: FinishedColumn,
  trial: TrialState,
  isBest: boolean,
): { readonly color?: string; readonly bold?: boolean } {
  if (trial.status === 'pruned') {
    return { color: colors.muted };
  }

  switch (column.key) {
    case 'id':
      return { color: colors.accent };
    case 'test':
      return { color: colors.good, bold: isBest };
    case 'oob':
      return trial.oobScore === null ? { color: colors.muted } : {};
    case 'metric':
      return trial.metrics === null ? { color: colors.muted } : {};
    default:
      return {};
  }
}

function LatestFailure({ state }: { readonly state: RunState }) {
  const latest = selectFailedTrials(state).reduce<TrialState | null>(
    (found, trial) =>
      found === null || (trial.endedAt ?? 0) > (found.endedAt ?? 0)
        ? trial
        : found,
    null,
  );
  if (latest === null) {
    return null;
  }

  const error = toOneLine(latest.error ?? 'no error message');

  return (
    <Text wrap="truncate" color={colors.bad}>
      {`latest failure ${latest.spec.id}: ${error}`}
    </Text>
  );
}
