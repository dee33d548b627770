// The protocol that a coordinator (`traintop run --redis`) and its workers
// (`traintop worker`) share through Redis. Key names come from key-names.ts.
//
// - Trials: one BullMQ job per trial on the run's queue, with TrialJobData.
// - Data: the run's table, stored once per run under `tableKey` and fetched
//   once per run by each worker (table-store.ts).
// - Progress: workers append ProgressMessages to the run's stream
//   (progress-stream.ts).
// - Control: the coordinator writes a ControlRecord as JSON to `controlKey`,
//   and workers apply it on every tick (control-record.ts).
// - Registry: a sorted set of active runs, member run id and score the time
//   of the coordinator's last tick (run-registry.ts).

import type { TrialSpec } from '../plan/trial-spec.js';
import type { HostReading, Scores, TrialMetrics } from '../state/events.js';
import type { TrialCheckpoint } from '../train/trial-forests.js';

/** BullMQ job name of every trial job. */
export const TRIAL_JOB_NAME = 'trial';

/**
 * Data of the BullMQ job of one trial. The job id is the trial id, so a
 * trial added twice is one job. A worker that hands a trial back writes its
 * checkpoint into this data before it moves the job back to waiting.
 */
export type TrialJobData = {
  readonly spec: TrialSpec;
  /**
   * Attempt of the trial's first run of this job: 1, or more when the
   * coordinator adds the job again after failures. A worker reports this
   * plus the job's `attemptsMade`, the failures BullMQ retried.
   */
  readonly attempt: number;
  /** Trees grown so far, or null to start with no trees. */
  readonly checkpoint: TrialCheckpoint | null;
  /**
   * Trees at which a successive-halving search stops the trial for its
   * rung. The worker then writes the checkpoint into this data and ends
   * the job with a trial-rung-reached result. Absent: grow every tree.
   */
  readonly stopAtTrees?: number;
};

/**
 * Time after its last registry update when a run counts as inactive, in
 * ms. Coordinators update it on every tick, so this allows for a few
 * missed ticks. Workers stop serving a run once it was inactive this long.
 */
export const RUN_STALE_MS = 3_000;

/**
 * The coordinator's controls for all workers of a run. A missing key
 * means DEFAULT_CONTROL.
 */
export type ControlRecord = {
  /** True while the run is paused: no chunk starts and no job is fetched. */
  readonly paused: boolean;
  /**
   * Trials trained at once, by worker id or by host name. A worker id entry
   * wins, and a worker with neither keeps its --threads value.
   */
  readonly threads: Readonly<Record<string, number>>;
};

export const DEFAULT_CONTROL: ControlRecord = { paused: false, threads: {} };

/** Stream entry field whose value is the message as JSON. */
export const PROGRESS_FIELD = 'message';

type MessageBase = {
  /** Wall-clock time on the worker when it sent the message, in ms. */
  readonly at: number;
  /** Id of the worker process, unique among the run's workers. */
  readonly workerId: string;
};

type TrialMessageBase = MessageBase & {
  readonly trialId: string;
  /** Number of the trial's place in the worker's pool, from 1. */
  readonly slot: number;
};

/** Messages that workers append to a run's progress stream. */
export type ProgressMessage =
  | (TrialMessageBase & {
      readonly kind: 'trial-started';
      /** Host name of the worker's machine. */
      readonly host: string;
      /** 1 for the first try, 2 for the first retry, and so on. */
      readonly attempt: number;
      /** Trees of the checkpoint the trial continues from, else 0. */
      readonly treesDone: number;
    })
  | (TrialMessageBase & {
      readonly kind: 'trial-progress';
      readonly treesDone: number;
      /** Training time of the trial so far, over all workers, in ms. */
      readonly elapsedMs: number;
    } & Scores)
  | (TrialMessageBase & {
      readonly kind: 'trial-finished';
      readonly trees: number;
      /** Training time of the whole trial, in ms. */
      readonly elapsedMs: number;
      /** Test score of each fold: one entry for a held-out split. */
      readonly foldTestScores: readonly number[];
      readonly metrics: TrialMetrics;
    } & Scores)
  | (TrialMessageBase & {
      /**
       * Stopped at its job's `stopAtTrees`, the rung of a halving search.
       * Its checkpoint is in the job's data for the coordinator to take on.
       */
      readonly kind: 'trial-rung-reached';
      readonly treesDone: number;
      /** Test score at the rung, or null when it had none. */
      readonly testScore: number | null;
    })
  | (TrialMessageBase & {
      /** Handed back to the queue with a checkpoint of its trees. */
      readonly kind: 'trial-preempted';
      readonly treesDone: number;
    })
  | (TrialMessageBase & {
      readonly kind: 'trial-failed';
      readonly attempt: number;
      readonly error: string;
      /** True when BullMQ puts the job back for another attempt. */
      readonly willRetry: boolean;
    })
  | (MessageBase & {
      readonly kind: 'log';
      readonly level: 'info' | 'warn' | 'error';
      readonly message: string;
      /** The trial the line is about, or null for the worker itself. */
      readonly trialId: string | null;
    })
  | (MessageBase & {
      /** A worker's heartbeat, sent on every tick. */
      readonly kind: 'host-sampled';
      readonly host: string;
      /** Time between two heartbeats of this worker, in ms. */
      readonly tickMs: number;
      /** Trials the worker trains at once for this run. */
      readonly threads: number;
      /** Trials of this run it trains now. */
      readonly busyThreads: number;
      /** CPU use of the thread of each trial it trains now. */
      readonly slots: readonly SlotReading[];
    } & HostReading);

/** CPU use of the thread that trains one trial, over the last tick. */
export type SlotReading = {
  readonly slot: number;
  readonly trialId: string;
  /** Percent of one core, or null when the thread cannot be measured. */
  readonly cpuPercent: number | null;
};

export type ProgressKind = ProgressMessage['kind'];

/** The message of one kind, such as `MessageOf<'trial-finished'>`. */
export type MessageOf<K extends ProgressKind> = Extract<
  ProgressMessage,
  { kind: K }
>;
