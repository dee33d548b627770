import type { TrialSpec } from '../plan/trial-spec.js';

/** Accuracies measured after a chunk of trees, as fractions in [0, 1]. */
export type Accuracies = {
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
  /** Out-of-bag accuracy, or null until every training row was out of bag. */
  readonly oobAccuracy: number | null;
};

/** Machine and process readings taken on one telemetry tick. */
export type SystemReading = {
  /** Load over all cores in percent, or null before the first sample. */
  readonly cpuPercent: number | null;
  /** Load per core in percent, empty before the first sample. */
  readonly corePercents: readonly number[];
  /** Memory not available to programs (page cache does not count). */
  readonly memUsedBytes: number | null;
  readonly memTotalBytes: number | null;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly heapTotalBytes: number;
};

/** CPU use of one worker thread over the last telemetry interval. */
export type ThreadReading = {
  readonly workerId: number;
  /** Percent of one core, or null when the thread cannot be measured. */
  readonly cpuPercent: number | null;
};

/** The data set of a run and its train/test split. */
export type DataSource = {
  readonly dataset: 'iris';
  /** Share of each class held out for testing. */
  readonly testFraction: number;
  readonly splitSeed: number;
};

type Timed = {
  /** Wall-clock time of the event, in ms since the Unix epoch. */
  readonly at: number;
};

/**
 * Everything that happens during a run. Every event is plain JSON, so a log
 * of them replays the run in another process.
 */
export type RunEvent = Timed &
  (
    | {
        readonly kind: 'run-started';
        readonly runId: string;
        readonly job: string;
        readonly trials: readonly TrialSpec[];
        readonly poolSize: number;
        readonly maxPoolSize: number;
        /** The data the trials train on, so the run can be resumed. */
        readonly data?: DataSource;
        /** Extra attempts for a failed trial. */
        readonly retries?: number;
      }
    | {
        /** A stopped or crashed run taken up again by `traintop resume`. */
        readonly kind: 'run-continued';
        readonly poolSize: number;
        readonly maxPoolSize: number;
      }
    | {
        readonly kind: 'trial-started';
        readonly trialId: string;
        readonly workerId: number;
        /** 1 for the first try, 2 for the first retry, and so on. */
        readonly attempt: number;
        /** Trees already grown when the trial continues from a checkpoint. */
        readonly treesDone: number;
      }
    | ({
        readonly kind: 'trial-progress';
        readonly trialId: string;
        readonly workerId: number;
        readonly treesDone: number;
        /** Training time of the trial so far, in ms. */
        readonly elapsedMs: number;
      } & Accuracies)
    | ({
        readonly kind: 'trial-finished';
        readonly trialId: string;
        readonly workerId: number;
        readonly trees: number;
        readonly elapsedMs: number;
      } & Accuracies)
    | {
        readonly kind: 'trial-failed';
        readonly trialId: string;
        readonly workerId: number | null;
        readonly attempt: number;
        readonly error: string;
        /** True when the trial goes back on the queue for another attempt. */
        readonly willRetry: boolean;
      }
    | {
        /** A trial handed back to the queue with its trees so far. */
        readonly kind: 'trial-preempted';
        readonly trialId: string;
        readonly workerId: number;
        readonly treesDone: number;
      }
    | { readonly kind: 'worker-started'; readonly workerId: number }
    | { readonly kind: 'worker-exited'; readonly workerId: number }
    | {
        readonly kind: 'worker-failed';
        readonly workerId: number;
        readonly error: string;
      }
    | { readonly kind: 'pool-resized'; readonly poolSize: number }
    | { readonly kind: 'run-paused' }
    | { readonly kind: 'run-resumed' }
    | ({ readonly kind: 'system-sampled' } & SystemReading)
    | {
        readonly kind: 'threads-sampled';
        readonly threads: readonly ThreadReading[];
      }
    | {
        readonly kind: 'run-finished';
        /** `completed` when every trial ended, `stopped` on quit. */
        readonly reason: 'completed' | 'stopped';
      }
  );

export type RunEventKind = RunEvent['kind'];

/** The event of one kind, such as `EventOf<'trial-finished'>`. */
export type EventOf<K extends RunEventKind> = Extract<RunEvent, { kind: K }>;
