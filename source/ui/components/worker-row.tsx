import { Text } from 'ink';
import type { TrialState, WorkerState } from '../../state/run-state.js';
import {
  formatPercent,
  formatRunningScore,
  formatTrialParams,
  toOneLine,
} from '../format.js';
import { fitText } from '../text-cells.js';
import {
  WORKER_CPU_WIDTH,
  WORKER_PERCENT_WIDTH,
  WORKER_SCORE_WIDTH,
  WORKER_TRIAL_WIDTH,
  type WorkerColumns,
} from '../layout.js';
import { sampleCurve, scoreRange } from '../score-curve.js';
import { colors, loadColor } from '../theme.js';
import { trialProgress } from '../worker-status.js';
import { ProgressBar } from './progress-bar.js';
import { Sparkline } from './sparkline.js';
import { WorkerLabel } from './worker-label.js';

export type WorkerRowProps = {
  readonly worker: WorkerState;
  /** The trial the worker runs, or ran when it failed, or null. */
  readonly trial: TrialState | null;
  readonly isRunPaused: boolean;
  /** Widths of the bar and sparkline. A sparkline width of 0 hides it. */
  readonly columns: WorkerColumns;
};

type BodyProps = {
  readonly worker: WorkerState;
  readonly trial: TrialState | null;
  readonly columns: WorkerColumns;
};

type CellsProps = {
  readonly trial: TrialState;
  readonly columns: WorkerColumns;
};

/**
 * Draws one worker on one line: id, state, trial and parameters, trees grown,
 * the test score after each chunk and the latest one, and the thread's CPU
 * use. A failed worker shows its error in place of the readings, after a
 * failed bar when the trial it was running is known.
 */
export function WorkerRow({
  worker,
  trial,
  isRunPaused,
  columns,
}: WorkerRowProps) {
  return (
    <Text wrap="truncate">
      <WorkerLabel worker={worker} isRunPaused={isRunPaused} />
      <RowBody worker={worker} trial={trial} columns={columns} />
    </Text>
  );
}

function RowBody({ worker, trial, columns }: BodyProps) {
  if (worker.status === 'failed') {
    return <FailedCells worker={worker} trial={trial} columns={columns} />;
  }

  const cpu = (
    <Text color={loadColor(worker.cpuPercent)}>
      {fitText(
        `cpu ${formatPercent(worker.cpuPercent)}`,
        WORKER_CPU_WIDTH,
        'right',
      )}
    </Text>
  );
  if (trial === null || worker.status === 'idle') {
    return (
      <Text>
        <Text color={colors.muted}>
          {fitText('waiting for a trial', trialCellsWidth(columns))}
        </Text>
        {cpu}
      </Text>
    );
  }

  return (
    <Text>
      <TrialCells trial={trial} columns={columns} />
      {cpu}
    </Text>
  );
}

function FailedCells({ worker, trial, columns }: BodyProps) {
  const error = toOneLine(worker.error ?? 'no error message');
  const rowWidth = trialCellsWidth(columns) + WORKER_CPU_WIDTH;
  if (trial === null) {
    return <Text color={colors.bad}>{fitText(error, rowWidth)}</Text>;
  }

  const usedWidth = WORKER_TRIAL_WIDTH + columns.barWidth + 1;

  return (
    <Text>
      <Text>{fitText(trialLabel(trial), WORKER_TRIAL_WIDTH)}</Text>
      <ProgressBar value={0} width={columns.barWidth} isFailed />
      <Text color={colors.bad}> {fitText(error, rowWidth - usedWidth)}</Text>
    </Text>
  );
}

function TrialCells({ trial, columns }: CellsProps) {
  const progress = trialProgress(trial);
  const curve = sampleCurve(trial.testCurve, columns.sparklineWidth);
  const range = scoreRange(curve);

  return (
    <Text>
      <Text>{fitText(trialLabel(trial), WORKER_TRIAL_WIDTH)}</Text>
      <ProgressBar value={progress} width={columns.barWidth} />
      <Text>
        {fitText(formatPercent(progress * 100), WORKER_PERCENT_WIDTH, 'right')}
      </Text>
      {columns.sparklineWidth > 0 ? (
        <Text>
          {' '}
          <Sparkline
            values={curve}
            width={columns.sparklineWidth}
            min={range.min}
            max={range.max}
          />
        </Text>
      ) : null}
      <Text color={trial.testScore === null ? colors.muted : colors.good}>
        {fitText(
          formatRunningScore(trial.testScore),
          WORKER_SCORE_WIDTH,
          'right',
        )}
      </Text>
    </Text>
  );
}

/** Returns the trial's id and parameters: "t07 T200 f2 d3 s1". */
function trialLabel(trial: TrialState): string {
  return `${trial.spec.id} ${formatTrialParams(trial.spec.params)}`;
}

/** Returns the cells from the trial column to the score column. */
function trialCellsWidth(columns: WorkerColumns): number {
  const sparklineCells =
    columns.sparklineWidth > 0 ? columns.sparklineWidth + 1 : 0;

  return (
    WORKER_TRIAL_WIDTH +
    columns.barWidth +
    WORKER_PERCENT_WIDTH +
    sparklineCells +
    WORKER_SCORE_WIDTH
  );
}
