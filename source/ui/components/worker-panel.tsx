import { Box, Text } from 'ink';
import type { RunState } from '../../state/run-state.js';
import { selectWorkerTrial, selectWorkers } from '../../state/selectors.js';
import { cutList, planWorkerColumns } from '../layout.js';
import { colors } from '../theme.js';
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

/** Draws the workers in thread-id order, one row each, cut to `maxLines`. */
export function WorkerPanel({ state, width, maxLines }: WorkerPanelProps) {
  const workers = selectWorkers(state);
  const { visibleItems, hiddenCount } = cutList(workers, maxLines);
  const columns = planWorkerColumns(width);
  const running = workers.filter((worker) => worker.status === 'running');
  // Running workers finish their chunk before they stop, so while the run
  // is paused they count as paused, as their rows show.
  const activity = state.isPaused ? 'paused' : 'running';
  const detail = `${running.length} of ${workers.length} ${activity}`;

  return (
    <Box flexDirection="column" width={width}>
      <SectionTitle title="Workers" detail={detail} width={width} />
      {workers.length === 0 ? (
        <Text color={colors.muted}>No worker has started yet.</Text>
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
