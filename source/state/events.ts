import type { MissingPolicy } from '../data/data-options.js';
import type { Task } from '../data/dataset.js';
import type { Evaluation } from '../plan/evaluation.js';
import type { HalvingOptions } from '../plan/halving.js';
import type { TrialSpec } from '../plan/trial-spec.js';

/**
 * How well a forest fits, measured after each chunk of trees: accuracy for
 * classification, R² for regression. Higher is better for both. Under
 * cross-validation each score is the mean over the folds.
 */
export type Scores = {
  readonly trainScore: number;
  readonly testScore: number;
  /** Out-of-bag score, or null until every training row was out of bag. */
  readonly oobScore: number | null;
};

/** The finished forest's measures beyond its scores, on the test rows. */
export type TrialMetrics =
  | {
      readonly task: 'classification';
      /** Mean F1 over the classes, each class counting the same. */
      readonly macroF1: number;
      /**
       * Test rows counted by actual class (row) and predicted class
       * (column), summed over the folds.
       */
      readonly confusion: readonly (readonly number[])[];
    }
  | {
      readonly task: 'regression';
      /** Root mean squared error on the training and the test rows. */
      readonly trainRmse: number;
      readonly testRmse: number;
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

/**
 * The rule behind an alert: a worker that reports nothing, memory use above
 * its threshold, a failed trial, test accuracy far below training accuracy,
 * or accuracy that stopped improving as trees were added.
 */
export type AlertRule =
  'stalled' | 'memory' | 'trial-failed' | 'overfitting' | 'plateau';

/** The machine readings in a worker process's heartbeat. */
export type HostReading = {
  /** Load over all cores of the machine in percent, null at first. */
  readonly cpuPercent: number | null;
  /** Memory not available to programs, or null when unreadable. */
  readonly memUsedBytes: number | null;
  readonly memTotalBytes: number | null;
};

/** CPU use of one worker thread over the last telemetry interval. */
export type ThreadReading = {
  readonly workerId: number;
  /** Percent of one core, or null when the thread cannot be measured. */
  readonly cpuPercent: number | null;
};

/** The data a run trains on, and how trials are scored on it. */
export type DataSource = {
  readonly dataset: 'iris' | 'csv';
  /** Short name for the monitor, such as `iris` or `wine.csv`. */
  readonly name: string;
  readonly task: Task;
  readonly featureNames: readonly string[];
  /** Class names indexed by class number; empty for regression. */
  readonly classNames: readonly string[];
  readonly rowCount: number;
  readonly evaluation: Evaluation;
  /** Seed of the split or the fold assignment. */
  readonly splitSeed: number;
  /** How the CSV file was read, so a resumed run reads it the same way. */
  readonly csv?: CsvSource;
};

/** The Redis server and key prefix of a queued run's trials. */
export type QueueSource = {
  /** Redis URL with any password replaced by `***`. */
  readonly redis: string;
  /** Key prefix that `traintop worker --prefix` must name. */
  readonly prefix: string;
};

/** A CSV file as a run read it. */
export type CsvSource = {
  /** Absolute path of the file. */
  readonly path: string;
  /** SHA-256 of the file's bytes, to notice a changed file on resume. */
  readonly sha256: string;
  readonly target: string;
  readonly delimiter: string;
  readonly drop: readonly string[];
  readonly missing: MissingPolicy;
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
        /** The Redis queue of a queued run; absent on local threads. */
        readonly queue?: QueueSource;
        /** Successive-halving settings of a halving search; else absent. */
        readonly halving?: HalvingOptions;
      }
    | {
        /** A stopped or crashed run taken up again by `traintop resume`. */
        readonly kind: 'run-continued';
        readonly poolSize: number;
        readonly maxPoolSize: number;
        /** The Redis queue it goes on with; absent on local threads. */
        readonly queue?: QueueSource;
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
      } & Scores)
    | ({
        readonly kind: 'trial-finished';
        readonly trialId: string;
        readonly workerId: number;
        readonly trees: number;
        readonly elapsedMs: number;
        /** Test score of each fold: one entry for a held-out split. */
        readonly foldTestScores: readonly number[];
        /** Absent in logs written before these measures were recorded. */
        readonly metrics?: TrialMetrics;
      } & Scores)
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
        /**
         * A trial that a successive-halving search stopped at a rung,
         * because others scored better there. It keeps its scores.
         */
        readonly kind: 'trial-pruned';
        readonly trialId: string;
        readonly treesDone: number;
        /** Test score at the rung, or null when it had none. */
        readonly testScore: number | null;
        /** Rung it reached, from 0. */
        readonly rung: number;
      }
    | {
        /** A trial handed back to the queue with its trees so far. */
        readonly kind: 'trial-preempted';
        readonly trialId: string;
        readonly workerId: number;
        readonly treesDone: number;
      }
    | {
        readonly kind: 'worker-started';
        readonly workerId: number;
        /**
         * The worker process that owns the thread in a queued run; absent
         * for the threads of a local run.
         */
        readonly hostId?: string;
      }
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
    | ({
        /** The heartbeat of a worker process in a queued run. */
        readonly kind: 'host-sampled';
        /** Id of the worker process, such as `gpu-box-4312`. */
        readonly hostId: string;
        /** Name of the machine it runs on. */
        readonly host: string;
        /** Trials it trains at once for this run. */
        readonly threads: number;
        /** Trials of this run it trains now. */
        readonly busyThreads: number;
      } & HostReading)
    | {
        /** The coordinator lost its connection to the queue's Redis. */
        readonly kind: 'queue-unreachable';
        readonly error: string;
      }
    | {
        /** The coordinator reconnected to the queue's Redis. */
        readonly kind: 'queue-reachable';
      }
    | {
        /** A worker process whose heartbeats stopped. */
        readonly kind: 'host-lost';
        readonly hostId: string;
      }
    | {
        /** A rule saw trouble; see source/alerts for the rules. */
        readonly kind: 'alert-raised';
        /** Rule and subject, such as `stalled:w3`, so a clear can name it. */
        readonly alertId: string;
        readonly rule: AlertRule;
        /** One line for the alert bar and plain output. */
        readonly message: string;
        readonly trialId?: string;
        readonly workerId?: number;
      }
    | {
        /** The trouble behind an alert is over, such as a stall that ended. */
        readonly kind: 'alert-cleared';
        readonly alertId: string;
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
