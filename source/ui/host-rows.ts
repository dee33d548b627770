import type { RunState, WorkerState } from '../state/run-state.js';
import { selectHostGroups, type HostGroup } from '../state/selectors.js';
import { scrollList, type ListWindow } from './layout.js';
import { textWidth } from './text-cells.js';

/** Label of the group of threads that name no worker process. */
const NO_HOST_LABEL = 'unknown host';

/** One line of the worker list of a queued run. */
export type HostListRow =
  | {
      readonly kind: 'host';
      readonly group: HostGroup;
      /** Short name of the worker process, unique in the run. */
      readonly label: string;
    }
  | { readonly kind: 'worker'; readonly worker: WorkerState };

/**
 * Lists each worker process of a queued run followed by its threads.
 * Returns null for a local run, which has no worker processes.
 */
export function listHostRows(state: RunState): HostListRow[] | null {
  if (Object.keys(state.hosts).length === 0) {
    return null;
  }

  return selectHostGroups(state).flatMap((group): HostListRow[] => [
    { kind: 'host', group, label: labelHost(state, group) },
    ...group.workers.map((worker) => ({ kind: 'worker' as const, worker })),
  ]);
}

/** Counts the lines of worker processes in the list, 0 in a local run. */
export function countHostLines(state: RunState): number {
  return Object.keys(state.hosts).length === 0
    ? 0
    : selectHostGroups(state).length;
}

/** Returns the cells of the widest host label among the rows. */
export function measureHostLabels(rows: readonly HostListRow[]): number {
  const widths = rows.map((row) =>
    row.kind === 'host' ? textWidth(row.label) : 0,
  );

  return Math.max(0, ...widths);
}

/** Returns the ids of the worker processes that Tab selects, in list order. */
export function listHostIds(state: RunState): string[] {
  if (Object.keys(state.hosts).length === 0) {
    return [];
  }

  return selectHostGroups(state)
    .map((group) => group.hostId)
    .filter((hostId) => hostId !== null);
}

/**
 * Names a worker process by its machine when no other process of the run
 * ran there, else by its id, such as `gpu-box-4312`.
 */
function labelHost(state: RunState, group: HostGroup): string {
  if (group.hostId === null) {
    return NO_HOST_LABEL;
  }

  const machine = group.host?.host;
  if (machine === undefined) {
    return group.hostId;
  }

  const sharing = Object.values(state.hosts).filter(
    (host) => host.host === machine,
  );

  return sharing.length === 1 ? machine : group.hostId;
}

/**
 * Cuts the rows to `maxLines` lines, keeping the selected worker process in
 * sight with as many of its threads as fit below it. With no selection, the
 * top of the list shows.
 */
export function windowHostRows(
  rows: readonly HostListRow[],
  maxLines: number,
  selectedHostId: string | null,
): ListWindow<HostListRow> {
  const hostIndex = rows.findIndex(
    (row) => row.kind === 'host' && row.group.hostId === selectedHostId,
  );
  if (selectedHostId === null || hostIndex === -1) {
    return scrollList(rows, maxLines, -1);
  }

  let lastIndex = hostIndex;
  while (rows[lastIndex + 1]?.kind === 'worker') {
    lastIndex += 1;
  }

  // scrollList scrolls only until the target row is the last one in
  // sight. Aiming at the group's last thread, but no further than a window
  // below the host line, shows the whole group when it fits and keeps the
  // host line in sight when it does not.
  const windowLines = Math.max(1, Math.floor(maxLines) - 1);
  const target = Math.min(lastIndex, hostIndex + windowLines - 1);

  return scrollList(rows, maxLines, target);
}
