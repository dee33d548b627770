import { Box, Text } from 'ink';
import { DEFAULT_KEY_PREFIX } from '../../queue/key-names.js';
import type { RunState, WorkerState } from '../../state/run-state.js';
import {
  countTrials,
  selectWorkerTrial,
  selectWorkers,
} from '../../state/selectors.js';
import { toOneLine } from '../format.js';
import { listHostRows } from '../host-rows.js';
import { cutList, planWorkerColumns } from '../layout.js';
import { colors, glyphs } from '../theme.js';
import { HostRowsView, THREAD_INDENT } from './host-rows-view.js';
import { MoreLine } from './more-line.js';
import { SectionTitle } from './section-title.js';
import { WorkerRow } from './worker-row.js';

export type WorkerPanelProps = {
  readonly state: RunState;
  /** Cells each line may take. */
  readonly width: number;
  /** Lines under the title, the "+N more" line included. At least 1. */
  readonly maxLines: number;
  /**
   * The worker process of a queued run that the + and - keys resize,
   * marked in the list. Default null, which marks none.
   */
  readonly selectedHostId?: string | null;
};

type RowsProps = Omit<WorkerPanelProps, 'selectedHostId'> & {
  readonly workers: readonly WorkerState[];
};

/**
 * Draws every worker, idle and failed ones included, in thread-id order,
 * one row each, cut to `maxLines`. In a queued run, each worker process
 * gets a line with its readings, and its threads' rows follow it. The
 * title counts workers by state, and lost processes. The pool size is left
 * to the header.
 */
export function WorkerPanel({
  state,
  width,
  maxLines,
  selectedHostId = null,
}: WorkerPanelProps) {
  const workers = selectWorkers(state);
  const hostRows = listHostRows(state);
  const detail = [
    countWorkers(workers, state.isPaused),
    ...countLostHosts(state),
  ].join(` ${glyphs.separator} `);

  const outage = describeOutage(state);
  const rowLines = Math.max(1, maxLines - (outage === null ? 0 : 1));
  const threadColumns = planWorkerColumns(width - THREAD_INDENT.length);

  return (
    <Box flexDirection="column" width={width}>
      <SectionTitle title="Workers" detail={detail} width={width} />
      {outage === null ? null : (
        <Text color={colors.bad} wrap="truncate">
          {outage}
        </Text>
      )}
      {hostRows === null ? (
        <WorkerRows
          state={state}
          workers={workers}
          width={width}
          maxLines={rowLines}
        />
      ) : (
        <HostRowsView
          state={state}
          rows={hostRows}
          width={width}
          maxLines={rowLines}
          selectedHostId={selectedHostId}
          renderWorker={(worker) => (
            <WorkerRow
              worker={worker}
              trial={selectWorkerTrial(state, worker)}
              isRunPaused={state.isPaused}
              columns={threadColumns}
            />
          )}
        />
      )}
    </Box>
  );
}

/**
 * Says why a queued run does not move while its coordinator cannot reach
 * Redis, or returns null while it can.
 */
function describeOutage(state: RunState): string | null {
  const { queue } = state;
  if (queue === null || queue.isReachable || state.finishedAt !== null) {
    return null;
  }

  return (
    `Redis at ${queue.redis} unreachable (${toOneLine(queue.error ?? '')}): ` +
    'reconnecting; workers keep their trials and controls wait.'
  );
}

function WorkerRows({ state, workers, width, maxLines }: RowsProps) {
  const { visibleItems, hiddenCount } = cutList(workers, maxLines);
  const columns = planWorkerColumns(width);

  return (
    <>
      {workers.length === 0 ? (
        <Text color={colors.muted} wrap="truncate">
          {describeNoWorkers(state)}
        </Text>
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
    </>
  );
}

/** Counts the lost worker processes for the title: "1 host lost". */
function countLostHosts(state: RunState): string[] {
  const lost = Object.values(state.hosts).filter((host) => host.isLost);
  if (lost.length === 0) {
    return [];
  }

  return [`${lost.length} ${lost.length === 1 ? 'host' : 'hosts'} lost`];
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

  if (isEveryTrialDone) {
    return 'No workers running: every trial has ended.';
  }

  if (state.queue !== null) {
    const prefix =
      state.queue.prefix === DEFAULT_KEY_PREFIX
        ? ''
        : ` --prefix ${state.queue.prefix}`;

    return `No workers yet: traintop worker --redis ${state.queue.redis}${prefix}`;
  }

  return 'No worker has started yet.';
}
