import { Box, Text } from 'ink';
import type { RunState, TrialState } from '../../state/run-state.js';
import { rankFinishedTrials } from '../../state/selectors.js';
import { fitText } from '../text-cells.js';
import { scoreName, taskOf } from '../score-labels.js';
import { colors } from '../theme.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import { SectionTitle } from './section-title.js';
import {
  DETAIL_LABEL_WIDTH,
  listDetailLines,
  type DetailLine,
} from './trial-detail-lines.js';

/** Lines above the confusion matrix: a blank line and its caption. */
const MATRIX_CAPTION_LINES = 2;

export type TrialDetailProps = {
  readonly state: RunState;
  /** The finished trial to describe. */
  readonly trial: TrialState;
  /** Cells each line may take. */
  readonly width: number;
  /** Lines the view takes, padded with blank lines when it needs fewer. */
  readonly height: number;
};

/**
 * Draws one finished trial: its parameters, status and training time, its
 * scores, the test score of each fold with their mean and spread, the test
 * score as the forest grew, and the task's own measures. Classification adds
 * the confusion matrix. When lines are short, the confusion matrix goes
 * first, then the lines that matter least.
 */
export function TrialDetail({ state, trial, width, height }: TrialDetailProps) {
  const lines = Math.max(0, Math.floor(height));
  if (lines < 1) {
    return null;
  }

  const detailLines = listDetailLines({ state, trial, width });
  const bodyLines = lines - 1;
  const shownLines = keepLines(detailLines, bodyLines);
  const matrixLines = bodyLines - shownLines.length - MATRIX_CAPTION_LINES;
  const { metrics } = trial;

  return (
    <Box flexDirection="column" width={width} height={lines}>
      <SectionTitle
        title={`Trial ${trial.spec.id}`}
        detail={describeRank(state, trial)}
        width={width}
      />
      {shownLines.map((line) => (
        <Text key={line.label} wrap="truncate">
          <Text color={colors.muted}>
            {fitText(line.label, DETAIL_LABEL_WIDTH)}
          </Text>
          {line.content}
        </Text>
      ))}
      {metrics?.task === 'classification' && matrixLines > 0 ? (
        <Box flexDirection="column">
          <Text> </Text>
          <Text wrap="truncate" color={colors.muted}>
            {describeMatrix(trial)}
          </Text>
          <ConfusionMatrix
            confusion={metrics.confusion}
            classNames={state.data?.classNames ?? []}
            width={width}
            maxLines={matrixLines}
          />
        </Box>
      ) : null}
    </Box>
  );
}

/** Keeps the `count` lines of lowest keep rank, in display order. */
function keepLines(lines: readonly DetailLine[], count: number) {
  const ranks = lines.map((line) => line.keepRank).sort((a, b) => a - b);
  const keptCount = Math.min(Math.max(0, count), ranks.length);
  const highestKept = ranks[keptCount - 1] ?? -1;

  return lines.filter((line) => line.keepRank <= highestKept);
}

function describeRank(state: RunState, trial: TrialState): string {
  const ranked = rankFinishedTrials(state);
  const rank = ranked.findIndex((other) => other.spec.id === trial.spec.id);

  if (trial.status === 'pruned') {
    return `pruned by halving at ${trial.treesDone} trees`;
  }

  return rank < 0
    ? trial.status
    : `rank ${rank + 1} of ${ranked.length} by test ${scoreName(taskOf(state.data))}`;
}

function describeMatrix(trial: TrialState): string {
  const folds = trial.foldTestScores.length;
  const rows = folds > 1 ? `test rows of ${folds} folds` : 'test rows';

  return `confusion matrix, ${rows}: actual down, predicted across`;
}
