import { Box, Text } from 'ink';
import type {
  RunState,
  TrialState,
  WorkerState,
} from '../../state/run-state.js';
import {
  countTrials,
  selectBestTrial,
  selectElapsedMs,
  selectWorkerTrial,
  selectWorkers,
} from '../../state/selectors.js';
import {
  formatDuration,
  formatPercent,
  formatRunningScore,
  formatScore,
  toOneLine,
} from '../format.js';
import { fitText } from '../text-cells.js';
import { listHostRows } from '../host-rows.js';
import {
  WORKER_PERCENT_WIDTH,
  WORKER_SCORE_WIDTH,
  cutList,
} from '../layout.js';
import { describeEta } from '../run-status.js';
import { scoreLabel, taskOf } from '../score-labels.js';
import { colors, glyphs } from '../theme.js';
import { trialProgress } from '../worker-status.js';
import { AlertBar } from './alert-bar.js';
import { Footer } from './footer.js';
import { HostRowsView } from './host-rows-view.js';
import type { MonitorMode } from '../monitor-mode.js';
import { MoreLine } from './more-line.js';
import { WorkerLabel } from './worker-label.js';

/** Lines of the compact view outside its worker list. */
const FRAME_LINES = 2;

const TRIAL_ID_WIDTH = 6;

export type CompactViewProps = {
  readonly state: RunState;
  /** Cells each line may take. */
  readonly columns: number;
  /** Lines the view takes, padded with blank lines when it needs fewer. */
  readonly rows: number;
  /** Whether keys are read, false when stdin is not a terminal. */
  readonly isInteractive: boolean;
  /** The kind of run shown; the footer follows it. Default run. */
  readonly mode?: MonitorMode;
  /**
   * The worker process of a queued run that the + and - keys resize,
   * marked in the list. Default null, which marks none and leaves Tab out
   * of the footer.
   */
  readonly selectedHostId?: string | null;
};

type LineProps = { readonly state: RunState };

type ListProps = {
  readonly state: RunState;
  readonly maxLines: number;
};

type WorkerLineProps = {
  readonly worker: WorkerState;
  readonly trial: TrialState | null;
  readonly isRunPaused: boolean;
};

/**
 * Draws the run in `rows` lines for terminals too small for the panels: a
 * summary line, one line per worker and the key hints. In a queued run,
 * each worker process gets a line before its threads' lines.
 */
export function CompactView({
  state,
  columns,
  rows,
  isInteractive,
  mode,
  selectedHostId = null,
}: CompactViewProps) {
  const hostRows = listHostRows(state);
  const alertLines = state.alerts.active.length > 0 ? 1 : 0;
  const maxLines = rows - FRAME_LINES - alertLines;

  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <SummaryLine state={state} />
      <AlertBar alerts={state.alerts.active} />
      <Box flexDirection="column" flexGrow={1}>
        {hostRows === null ? (
          <WorkerList state={state} maxLines={maxLines} />
        ) : (
          <HostRowsView
            state={state}
            rows={hostRows}
            width={columns}
            maxLines={maxLines}
            selectedHostId={selectedHostId}
            renderWorker={(worker) => (
              <WorkerLine
                worker={worker}
                trial={selectWorkerTrial(state, worker)}
                isRunPaused={state.isPaused}
              />
            )}
          />
        )}
      </Box>
      <Footer
        isInteractive={isInteractive}
        mode={mode}
        isRunPaused={state.isPaused}
        screen="compact"
        hasFinishedTrials={countTrials(state).finished > 0}
        hasHostKeys={selectedHostId !== null}
        width={columns}
      />
    </Box>
  );
}

function WorkerList({ state, maxLines }: ListProps) {
  const workers = selectWorkers(state);
  const { visibleItems, hiddenCount } = cutList(workers, maxLines);

  return (
    <>
      {visibleItems.map((worker) => (
        <WorkerLine
          key={worker.id}
          worker={worker}
          trial={selectWorkerTrial(state, worker)}
          isRunPaused={state.isPaused}
        />
      ))}
      <MoreLine count={hiddenCount} noun="workers" />
    </>
  );
}

/**
 * Draws the run's progress on one line, most needed first, so a narrow
 * terminal cuts the job name and then the elapsed time.
 */
function SummaryLine({ state }: LineProps) {
  const counts = countTrials(state);
  const best = selectBestTrial(state);
  const eta = describeEta(state);

  return (
    <Text wrap="truncate">
      <Text bold>{`${counts.finished}/${counts.total} done`}</Text>
      {counts.failed > 0 ? (
        <Text color={colors.bad}>{` ${counts.failed} failed`}</Text>
      ) : null}
      <Text color={colors.muted}> ETA </Text>
      <Text color={eta.color}>{eta.text}</Text>
      <Text color={colors.muted}> best {scoreLabel(taskOf(state.data))} </Text>
      <Text color={best === null ? colors.muted : colors.good}>
        {best === null ? glyphs.unknown : formatScore(best.testScore)}
      </Text>
      <Text color={colors.muted}> elapsed </Text>
      <Text>{formatDuration(selectElapsedMs(state))}</Text>
      {state.job === '' ? null : (
        <Text color={colors.muted}> {toOneLine(state.job)}</Text>
      )}
    </Text>
  );
}

function WorkerLine({ worker, trial, isRunPaused }: WorkerLineProps) {
  return (
    <Text wrap="truncate">
      <WorkerLabel worker={worker} isRunPaused={isRunPaused} />
      <WorkerDetail worker={worker} trial={trial} />
    </Text>
  );
}

function WorkerDetail({ worker, trial }: Omit<WorkerLineProps, 'isRunPaused'>) {
  if (worker.status === 'failed') {
    return (
      <Text color={colors.bad}>
        {toOneLine(worker.error ?? 'no error message')}
      </Text>
    );
  }

  if (trial === null || worker.status === 'idle') {
    return <Text color={colors.muted}>waiting for a trial</Text>;
  }

  const score = formatRunningScore(trial.testScore);

  return (
    <Text>
      <Text>{fitText(trial.spec.id, TRIAL_ID_WIDTH)}</Text>
      <Text>
        {fitText(
          formatPercent(trialProgress(trial) * 100),
          WORKER_PERCENT_WIDTH,
          'right',
        )}
      </Text>
      <Text color={trial.testScore === null ? colors.muted : colors.good}>
        {fitText(score, WORKER_SCORE_WIDTH, 'right')}
      </Text>
    </Text>
  );
}
