import { splitTable } from '../data/shared-table.js';
import type { TaskData } from './messages.js';
import type { TrialData } from './trial-forests.js';

/**
 * The rows this thread built from the last shared table. A run has one
 * table, so one entry is enough, and a new run's table replaces it.
 */
let cachedRows: { readonly key: string; readonly data: TrialData } | null =
  null;

/**
 * Returns the rows a task trains on. A shared table is turned into rows
 * the first time this thread sees it, and the rows are kept for the next
 * trials; copied rows arrive ready.
 */
export function resolveTaskData(data: TaskData): TrialData {
  if (data.kind === 'copied') {
    return data.data;
  }

  const { table } = data;
  if (cachedRows?.key !== table.key) {
    cachedRows = {
      key: table.key,
      data: {
        task: table.task,
        classCount: table.classCount,
        folds: splitTable(table),
      },
    };
  }

  return cachedRows.data;
}
