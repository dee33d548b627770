import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { RunState, WorkerState } from '../../state/run-state.js';
import { planHostColumns } from '../host-columns.js';
import {
  measureHostLabels,
  windowHostRows,
  type HostListRow,
} from '../host-rows.js';
import { HostLine } from './host-line.js';
import { MoreLine } from './more-line.js';

/** Indent of a thread's row under its worker process. */
export const THREAD_INDENT = '  ';

export type HostRowsViewProps = {
  readonly state: RunState;
  readonly rows: readonly HostListRow[];
  /** Cells each line may take. */
  readonly width: number;
  readonly maxLines: number;
  readonly selectedHostId: string | null;
  /** Draws one thread's row after its indent, as the full or compact view. */
  readonly renderWorker: (worker: WorkerState) => ReactNode;
};

/**
 * Draws the worker processes of a queued run, each followed by its
 * threads, scrolled so the selected process stays in sight.
 */
export function HostRowsView({
  state,
  rows,
  width,
  maxLines,
  selectedHostId,
  renderWorker,
}: HostRowsViewProps) {
  const rowWindow = windowHostRows(rows, maxLines, selectedHostId);
  const hostColumns = planHostColumns(width, measureHostLabels(rows));

  return (
    <>
      {rowWindow.visibleItems.map((row) =>
        row.kind === 'host' ? (
          <HostLine
            key={`host ${row.group.hostId ?? ''}`}
            group={row.group}
            label={row.label}
            isSelected={row.group.hostId === selectedHostId}
            columns={hostColumns}
            now={state.now}
          />
        ) : (
          <Text key={`worker ${row.worker.id}`} wrap="truncate">
            {THREAD_INDENT}
            {renderWorker(row.worker)}
          </Text>
        ),
      )}
      <MoreLine
        count={rowWindow.hiddenAfter}
        aboveCount={rowWindow.hiddenBefore}
      />
    </>
  );
}
