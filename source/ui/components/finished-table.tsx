import { Box, Text } from 'ink';
import type { RunState, TrialState } from '../../state/run-state.js';
import {
  countTrials,
  rankFinishedTrials,
  selectFailedTrials,
} from '../../state/selectors.js';
import {
  fitText,
  formatAccuracy,
  formatTrainingTime,
  formatTrialParams,
  toOneLine,
} from '../format.js';
import { cutList } from '../layout.js';
import { colors, glyphs } from '../theme.js';
import { MoreLine } from './more-line.js';
import { SectionTitle } from './section-title.js';

const ID_WIDTH = 6;
const PARAMS_WIDTH = 21;
const ACCURACY_WIDTH = 7;
const TREES_WIDTH = 7;
const TIME_WIDTH = 8;

export type FinishedTableProps = {
  readonly state: RunState;
  /** Cells each line may take. */
  readonly width: number;
  /**
   * Lines for trial rows, the "+N more" line included. At least 1. The
   * title, the column header and the failure line come on top.
   */
  readonly maxLines: number;
};

type RowProps = { readonly trial: TrialState; readonly isBest: boolean };

/**
 * Draws finished trials, best test accuracy first, cut to `maxLines`. When
 * trials failed, a last line shows the latest failure's error.
 */
export function FinishedTable({ state, width, maxLines }: FinishedTableProps) {
  const counts = countTrials(state);
  const ranked = rankFinishedTrials(state);
  const { visibleItems, hiddenCount } = cutList(ranked, maxLines);
  const finished = `${counts.finished} of ${counts.total}`;
  const detail = `${finished} ${glyphs.separator} ${counts.failed} failed`;

  return (
    <Box flexDirection="column" width={width}>
      <SectionTitle title="Finished" detail={detail} width={width} />
      <ColumnHeader />
      {ranked.length === 0 ? (
        <Text color={colors.muted}>No trial has finished yet.</Text>
      ) : null}
      {visibleItems.map((trial, index) => (
        <FinishedRow key={trial.spec.id} trial={trial} isBest={index === 0} />
      ))}
      <MoreLine count={hiddenCount} noun="trials" />
      <LatestFailure state={state} />
    </Box>
  );
}

function ColumnHeader() {
  return (
    <Text wrap="truncate" color={colors.muted}>
      {fitText('trial', ID_WIDTH)}
      {fitText('params', PARAMS_WIDTH)}
      {fitText('train', ACCURACY_WIDTH, 'right')}
      {fitText('test', ACCURACY_WIDTH, 'right')}
      {fitText('oob', ACCURACY_WIDTH, 'right')}
      {fitText('trees', TREES_WIDTH, 'right')}
      {fitText('time', TIME_WIDTH, 'right')}
    </Text>
  );
}

function FinishedRow({ trial, isBest }: RowProps) {
  const accuracy = (value: number | null) =>
    fitText(formatAccuracy(value), ACCURACY_WIDTH, 'right');

  return (
    <Text wrap="truncate">
      <Text color={colors.accent}>{fitText(trial.spec.id, ID_WIDTH)}</Text>
      <Text>{fitText(formatTrialParams(trial.spec.params), PARAMS_WIDTH)}</Text>
      <Text>{accuracy(trial.trainAccuracy)}</Text>
      <Text bold={isBest} color={colors.good}>
        {accuracy(trial.testAccuracy)}
      </Text>
      <Text color={trial.oobAccuracy === null ? colors.muted : undefined}>
        {accuracy(trial.oobAccuracy)}
      </Text>
      <Text>{fitText(String(trial.treesDone), TREES_WIDTH, 'right')}</Text>
      <Text>
        {fitText(formatTrainingTime(trial.elapsedMs), TIME_WIDTH, 'right')}
      </Text>
    </Text>
  );
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
