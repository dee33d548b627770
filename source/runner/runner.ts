/** The end state of a run. */
export type RunOutcome = 'completed' | 'stopped';

/** Controls that every runner offers, whether threads or a job queue. */
export type Runner = {
  /** Runs every trial; settles once each one ended or the run stopped. */
  run(): Promise<RunOutcome>;
  pause(): void;
  resume(): void;
  /** Sets the number of trials trained at once, clamped to the pool range. */
  resize(poolSize: number): void;
  /**
   * Changes the thread count of one worker process of a queued run, named
   * by the `hostId` of its heartbeats, by `delta`. Absent on local threads.
   */
  resizeHost?(hostId: string, delta: number): void;
  /** Stops running trials between chunks and ends the run. */
  stop(): Promise<void>;
  readonly isPaused: boolean;
  readonly poolSize: number;
};

/** A live worker thread, for per-thread CPU readings. */
export type WorkerThread = {
  readonly workerId: number;
  /** Linux thread id. */
  readonly tid: number;
};
