import { Text } from 'ink';
import type { WorkerState } from '../../state/run-state.js';
import { fitText } from '../text-cells.js';
import { WORKER_ID_WIDTH, WORKER_STATE_WIDTH } from '../layout.js';
import { colors } from '../theme.js';
import { describeWorker } from '../worker-status.js';

export type WorkerLabelProps = {
  readonly worker: WorkerState;
  /** Whether the run is paused, which a running worker shows. */
  readonly isRunPaused: boolean;
};

/** Draws a worker's id and state in fixed-width cells: "w1  running ". */
export function WorkerLabel({ worker, isRunPaused }: WorkerLabelProps) {
  const status = describeWorker(worker, isRunPaused);

  return (
    <Text>
      <Text color={colors.accent}>
        {fitText(`w${worker.id}`, WORKER_ID_WIDTH)}
      </Text>
      <Text color={status.color}>
        {fitText(status.label, WORKER_STATE_WIDTH)}
      </Text>
    </Text>
  );
}
