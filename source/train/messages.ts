import type { MessagePort } from 'node:worker_threads';

import type { SharedTable } from '../data/shared-table.js';
import type { TrialSpec } from '../plan/trial-spec.js';
import type { Scores, TrialMetrics } from '../state/events.js';
import type { TrialCheckpoint, TrialData } from './trial-forests.js';

/**
 * Values of a task's control cell, an Int32Array over a SharedArrayBuffer
 * that the main thread writes and the worker reads between chunks.
 */
export const Control = {
  /** Keep training. */
  run: 0,
  /** Wait before the next chunk until the cell changes. */
  pause: 1,
  /** Stop after the current chunk and hand back a checkpoint. */
  preempt: 2,
  /** Stop after the current chunk and drop the work. */
  abort: 3,
} as const;

/** Input of one training task, as the runner posts it to the pool. */
export type TrainTask = {
  readonly spec: TrialSpec;
  /** 1 for the first try, 2 for the first retry, and so on. */
  readonly attempt: number;
  readonly data: TaskData;
  /** One Int32 cell holding a `Control` value. */
  readonly control: SharedArrayBuffer;
  /** Port for `TaskMessage`s back to the runner; transferred. */
  readonly port: MessagePort;
  /** The checkpoint to continue from, or null to start with no trees. */
  readonly checkpoint: TrialCheckpoint | null;
  /**
   * Trees after which the task stops and hands back a checkpoint, for a
   * rung of a successive-halving search. Absent: grow the whole forest.
   */
  readonly stopAtTrees?: number;
  /**
   * Pause after every chunk but the last, in ms, to slow a demo down. A
   * control signal ends it early. Absent: no pause.
   */
  readonly paceMs?: number;
};

/**
 * How a task gets its rows: a table in shared memory, which the worker
 * turns into rows once and keeps, or the rows themselves, copied into
 * every task. Runs share; the copy exists to measure what sharing saves.
 */
export type TaskData =
  | { readonly kind: 'shared'; readonly table: SharedTable }
  | { readonly kind: 'copied'; readonly data: TrialData };

/** Messages a task posts on its port while it runs. */
export type TaskMessage =
  | {
      readonly type: 'started';
      /** `worker_threads.threadId` of the thread running the task. */
      readonly threadId: number;
      /** Linux thread id, for per-thread CPU readings; null elsewhere. */
      readonly tid: number | null;
    }
  | ({
      readonly type: 'progress';
      readonly treesDone: number;
      /** Training time of the trial so far, in ms. */
      readonly elapsedMs: number;
    } & Scores)
  | {
      /** Workers never print: stdout would break the monitor's frame. */
      readonly type: 'log';
      readonly level: 'info' | 'warn' | 'error';
      readonly message: string;
    };

/** The result of a task. */
export type TaskResult =
  | ({
      readonly status: 'finished';
      readonly trees: number;
      readonly elapsedMs: number;
      readonly foldTestScores: number[];
      readonly metrics: TrialMetrics;
    } & Scores)
  | {
      /** Reached `stopAtTrees` before the forest was complete. */
      readonly status: 'rung-reached';
      readonly checkpoint: TrialCheckpoint;
      /** Test score after the last chunk. */
      readonly testScore: number;
    }
  | {
      readonly status: 'preempted';
      /** The trees so far, or null when preempted before the first chunk. */
      readonly checkpoint: TrialCheckpoint | null;
    }
  | { readonly status: 'aborted'; readonly treesDone: number };
