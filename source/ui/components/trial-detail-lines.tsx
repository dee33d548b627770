import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { Task } from '../../data/dataset.js';
import { CURVE_POINTS } from '../../state/constants.js';
import type { RunState, TrialState } from '../../state/run-state.js';
import { MIN_SPARKLINE_WIDTH } from '../constants.js';
import { describeAllData } from '../data-summary.js';
import {
  formatError,
  formatScore,
  formatScoreWithSpread,
  formatTrainingTime,
} from '../format.js';
import { textWidth } from '../text-cells.js';
import { sampleCurve, scoreRange } from '../score-curve.js';
import { scoreLabel, scoreName, taskOf } from '../score-labels.js';
import { colors, glyphs } from '../theme.js';
import { Sparkline } from './sparkline.js';

/** Cells of the label column, wide enough for "macro F1" and a gap. */
export const DETAIL_LABEL_WIDTH = 10;

/** One labelled line of a trial's details. */
export type DetailLine = {
  readonly label: string;
  /** Order in which lines stay when lines are short: 0 stays longest. */
  readonly keepRank: number;
  readonly content: ReactNode;
};

export type DetailLinesInput = {
  readonly state: RunState;
  readonly trial: TrialState;
  /** Cells each line may take, for the sparkline's width. */
  readonly width: number;
};

type TextProps = Omit<DetailLinesInput, 'width'>;

/**
 * Lists the labelled lines of a trial's details in display order: the data,
 * parameters, status, scores, fold scores, test curve and the task's own
 * measure. Scores and folds stay longest when lines are short, and the data
 * goes first.
 */
export function listDetailLines({
  state,
  trial,
  width,
}: DetailLinesInput): DetailLine[] {
  const { params } = trial.spec;

  return [
    ...dataLine(state, width),
    {
      label: 'params',
      keepRank: 2,
      content: (
        <Text>
          {`${params.trees} trees ${glyphs.separator} ` +
            `max features ${params.maxFeatures} ${glyphs.separator} ` +
            `max depth ${params.maxDepth} ${glyphs.separator} ` +
            `seed ${params.seed}`}
        </Text>
      ),
    },
    {
      label: 'status',
      keepRank: 4,
      content: <StatusText trial={trial} />,
    },
    {
      label: 'scores',
      keepRank: 0,
      content: <ScoresText state={state} trial={trial} />,
    },
    {
      label: 'folds',
      keepRank: 1,
      content: <FoldsText state={state} trial={trial} />,
    },
    {
      label: 'curve',
      keepRank: 5,
      content: <CurveText state={state} trial={trial} width={width} />,
    },
    metricLine(trial, taskOf(state.data)),
  ];
}

/**
 * Returns the line naming the data, or none for logs without it. A long
 * name is cut in the middle, so the rows, task and evaluation still show.
 */
function dataLine(state: RunState, width: number): DetailLine[] {
  if (state.data === null) {
    return [];
  }

  const text = describeAllData(state.data, width - DETAIL_LABEL_WIDTH);

  return [{ label: 'data', keepRank: 6, content: <Text>{text}</Text> }];
}

function StatusText({ trial }: { readonly trial: TrialState }) {
  return (
    <Text>
      <Text color={colors.good}>{trial.status}</Text>
      <Text>
        {` ${glyphs.separator} ${formatTrainingTime(trial.elapsedMs)} ` +
          `of training ${glyphs.separator} attempt ${trial.attempt}`}
      </Text>
    </Text>
  );
}

function ScoresText({ state, trial }: TextProps) {
  const folds = trial.foldTestScores.length;
  const name = scoreName(taskOf(state.data));
  const prefix = folds > 1 ? `${name}, mean of ${folds} folds` : name;
  const separator = ` ${glyphs.separator} `;

  return (
    <Text>
      <Text color={colors.muted}>{`${prefix}: `}</Text>
      <Text>{`train ${formatScore(trial.trainScore)}${separator}`}</Text>
      <Text bold color={colors.good}>
        {`test ${formatScore(trial.testScore)}`}
      </Text>
      <Text>{`${separator}oob ${formatScore(trial.oobScore)}`}</Text>
    </Text>
  );
}

/**
 * Describes the test score of each fold with their mean and spread, or,
 * for a held-out split, that there is one score and no spread.
 */
function FoldsText({ state, trial }: TextProps) {
  const scores = trial.foldTestScores;
  if (scores.length > 1) {
    return (
      <Text>
        <Text color={colors.good}>
          {`mean ${formatScoreWithSpread(trial.testScore, scores)}`}
        </Text>
        <Text color={colors.muted}> {glyphs.separator} </Text>
        <Text>{scores.map((score) => formatScore(score)).join(' ')}</Text>
      </Text>
    );
  }

  const evaluation = state.data?.evaluation;
  const split =
    evaluation?.kind === 'holdout'
      ? `a ${Math.round(evaluation.testFraction * 100)}% hold-out split`
      : 'a held-out split';

  return (
    <Text color={colors.muted}>{`one score from ${split}, so no spread`}</Text>
  );
}

/** Draws the test score as the forest grew, from its first to last value. */
function CurveText({ state, trial, width }: DetailLinesInput) {
  const measured = trial.testCurve.filter((value) => value !== null);
  const first = measured[0];
  const last = measured.at(-1);
  if (first === undefined || last === undefined) {
    return <Text color={colors.muted}>{glyphs.notAvailable}</Text>;
  }

  const label = scoreLabel(taskOf(state.data));
  const summary = ` test ${label} ${formatScore(first)} to ${formatScore(last)}`;
  const room = width - DETAIL_LABEL_WIDTH - textWidth(summary);
  const sparklineWidth = Math.min(CURVE_POINTS, room);
  const curve = sampleCurve(trial.testCurve, sparklineWidth);
  const range = scoreRange(curve);

  return (
    <Text>
      {sparklineWidth >= MIN_SPARKLINE_WIDTH ? (
        <Sparkline
          values={curve}
          width={sparklineWidth}
          min={range.min}
          max={range.max}
        />
      ) : null}
      <Text color={colors.muted}>{summary}</Text>
    </Text>
  );
}

/** Returns the line of macro F1 or of train and test RMSE. */
function metricLine(trial: TrialState, task: Task): DetailLine {
  const { metrics } = trial;
  const label = task === 'classification' ? 'macro F1' : 'RMSE';
  if (metrics === null) {
    // Measures of the finished forest, which a pruned trial never grew.
    const reason =
      trial.status === 'pruned'
        ? 'none: pruned before its forest was complete'
        : 'not recorded in this run';

    return {
      label,
      keepRank: 3,
      content: <Text color={colors.muted}>{reason}</Text>,
    };
  }

  const text =
    metrics.task === 'classification'
      ? formatScore(metrics.macroF1)
      : `train ${formatError(metrics.trainRmse)} ${glyphs.separator} ` +
        `test ${formatError(metrics.testRmse)}`;

  return { label, keepRank: 3, content: <Text>{text}</Text> };
}
