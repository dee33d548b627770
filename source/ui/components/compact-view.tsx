import { Box, Text } from 'ink';
import type {
  RunState,
  TrialState,
  WorkerState,
} from '../../state/run-state.js';
import {
  countTrials,
  selectBestTrial,
  selectWorkerTrial,
  selectWorkers,
} from '../../state/selectors.js';
import {
  fitText,
  formatAccuracy,
  formatPercent,
  toOneLine,
} from '../format.js';
import {
  WORKER_ACCURACY_WIDTH,
  WORKER_PERCENT_WIDTH,
  cutList,
} from '../layout.js';
import { describeEta } from '../run-status.js';
import { colors, glyphs } from '../theme.js';
import { trialProgress } from '../worker-status.js';
import { Footer } from './footer.js';
import { MoreLine } from './more-line.js';
import { WorkerLabel } from './worker-label.js';

/** Lines of the compact view outside its worker list. */
const FRAME_LINES = 2;

const TRIAL_ID_WIDTH = 6;

export type CompactViewProps = {
  readonly state: RunState;
  readonly columns: number;
  readonly rows: number;
};

type LineProps = { readonly state: RunState };

type WorkerLineProps = {
  readonly worker: WorkerState;
  readonly trial: TrialState | null;
  readonly isRunPaused: boolean;
};

/**
 * Draws the run in `rows` lines for terminals too small for the panels: a
 * summary line, one line per worker and the key hints.
 */
export function CompactView({ state, columns, rows }: CompactViewProps) {
  const workers = selectWorkers(state);
  const { visibleItems, hiddenCount } = cutList(workers, rows - FRAME_LINES);

  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <SummaryLine state={state} />
      <Box flexDirection="column" flexGrow={1}>
        {visibleItems.map((worker) => (
          <WorkerLine
            key={worker.id}
            worker={worker}
            trial={selectWorkerTrial(state, worker)}
            isRunPaused={state.isPaused}
          />
        ))}
        <MoreLine count={hiddenCount} noun="workers" />
      </Box>
      <Footer
        isRunPaused={state.isPaused}
        isHelpVisible={false}
        width={columns}
      />
    </Box>
  );
}

function SummaryLine({ state }: LineProps) {
  const counts = countTrials(state);
  const best = selectBestTrial(state);
  const eta = describeEta(state);

  return (
    <Text wrap="truncate">
      <Text bold>{toOneLine(state.job) || glyphs.unknown}</Text>
      <Text>{` ${counts.finished}/${counts.total} done`}</Text>
      <Text color={colors.muted}> ETA </Text>
      <Text color={eta.color}>{eta.text}</Text>
      <Text color={colors.muted}> best </Text>
      <Text color={colors.good}>
        {best === null ? glyphs.unknown : formatAccuracy(best.testAccuracy)}
      </Text>
    </Text>
  );
}

function WorkerLine({ worker, trial, isRunPaused }: WorkerLineProps) {
  const hasTrial = trial !== null && worker.status === 'running';

  return (
    <Text wrap="truncate">
      <WorkerLabel worker={worker} isRunPaused={isRunPaused} />
      {worker.status === 'failed' ? (
        <Text color={colors.bad}>
          {toOneLine(worker.error ?? 'no error message')}
        </Text>
      ) : hasTrial ? (
        <Text>
          <Text>{fitText(trial.spec.id, TRIAL_ID_WIDTH)}</Text>
          <Text>
            {fitText(
              formatPercent(trialProgress(trial) * 100),
              WORKER_PERCENT_WIDTH,
              'right',
            )}
          </Text>
          <Text color={colors.good}>
            {fitText(
              formatAccuracy(trial.testAccuracy),
              WORKER_ACCURACY_WIDTH,
              'right',
            )}
          </Text>
        </Text>
      ) : null}
    </Text>
  );
}
