import { Box, Text } from 'ink';
import type { RunState, WorkerState } from '../../state/run-state.js';
import {
  countTrials,
  selectWorkerTrial,
  selectWorkers,
} from '../../state/selectors.js';
import { cutList, planWorkerColumns } from '../layout.js';
import { colors, glyphs } from '../theme.js';
import { MoreLine } from './more-line.js';
import { SectionTitle } from './section-title.js';
import { WorkerRow } from './worker-row.js';

export type WorkerPanelProps = {
  readonly state: RunState;
  /** Cells each line may take. */
  readonly width: number;
  /** Lines under the title, the "+N more" line included. At least 1. */
  readonly maxLines: number;
};

/**
 * Draws every worker, idle and failed ones included, in thread-id order,
 * one row each, cut to `maxLines`. The title counts them by state. The pool
 * size is left to the header.
 */
export function WorkerPanel({ state, width, maxLines }: WorkerPanelProps) {
  const workers = selectWorkers(state);
  const { visibleItems, hiddenCount } = cutList(workers, maxLines);
  const columns = planWorkerColumns(width);
  const detail = countWorkers(workers, state.isPaused);

  return (
    <Box flexDirection="column" width={width}>
      <SectionTitle title="Workers" detail={detail} width={width} />
      {workers.length === 0 ? (
        <Text color={colors.muted}>{describeNoWorkers(state)}</Text>
      ) : null}
      {visibleItems.map((worker) => (
        <WorkerRow
          key={worker.id}
          worker={worker}
          trial={selectWorkerTrial(state, worker)}
          isRunPaused={state.isPaused}
          columns={columns}
        />
      ))}
      <MoreLine count={hiddenCount} noun="workers" />
    </Box>
  );
}

/**
 * Counts workers by the state their rows show: "2 running · 1 idle". Idle
 * and failed counts appear only when above 0.
 */
function countWorkers(workers: readonly WorkerState[], isRunPaused: boolean) {
  const countOf = (status: WorkerState['status']) =>
    workers.filter((worker) => worker.status === status).length;
  // Running workers finish their chunk before they stop, so while the run
  // is paused they count as paused, as their rows show.
  const activity = isRunPaused ? 'paused' : 'running';
  const parts = [`${countOf('running')} ${activity}`];
  const idle = countOf('idle');
  if (idle > 0) {
    parts.push(`${idle} idle`);
  }

  const failed = countOf('failed');
  if (failed > 0) {
    parts.push(`${failed} failed`);
  }

  return parts.join(` ${glyphs.separator} `);
}

/**
 * Explains an empty worker list. Workers exit when the run ends, and may
 * exit before the run-finished event once no trial is left.
 */
function describeNoWorkers(state: RunState): string {
  if (state.finishedAt !== null) {
    return 'No workers running: the run has ended.';
  }

  const counts = countTrials(state);
  const isEveryTrialDone =
    counts.total > 0 && counts.queued === 0 && counts.running === 0;

  return isEveryTrialDone
    ? 'No workers running: every trial has ended.'
    : 'No worker has started yet.';
}
