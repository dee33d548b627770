/**
 * Actions the monitor's keys send to the run. The CLI implements them on top
 * of the runner, so the UI never touches workers itself.
 */
export type Controls = {
  /** Pauses a running sweep or resumes a paused one. */
  togglePause(): void;
  /** Changes the worker pool by `delta` workers (+1 or -1 per key press). */
  resize(delta: number): void;
  /**
   * Changes the thread count of one worker process of a queued run by
   * `delta`; absent in a local run.
   */
  resizeHost?(hostId: string, delta: number): void;
  /** Stops the run. The CLI unmounts the monitor once the runner stopped. */
  quit(): void;
  /** Skips ahead in a replay; absent where there is nothing to skip. */
  jump?(): void;
};
