import { Control } from '../train/messages.js';

/** A trial that a worker trains now, with the cell that controls it. */
export type RunningTrial = {
  readonly trialId: string;
  /** The trial's place in the pool, from 1; freed when it ends. */
  readonly slot: number;
  /** One Int32 cell over a SharedArrayBuffer, holding a `Control` value. */
  readonly control: Int32Array;
  /** Trees grown so far, updated from progress messages. */
  treesDone: number;
};

/**
 * The trials one worker trains for one run, and the controls it sends
 * them. Each gets the lowest free slot number, so a worker with N threads
 * reports slots 1 to N.
 */
export class RunningTrials {
  private readonly trials = new Map<string, RunningTrial>();

  get size(): number {
    return this.trials.size;
  }

  /** Adds a trial, paused at once when `isPaused`. */
  add(trialId: string, treesDone: number, isPaused: boolean): RunningTrial {
    const control = new Int32Array(new SharedArrayBuffer(4));
    control[0] = isPaused ? Control.pause : Control.run;
    const trial = { trialId, slot: this.freeSlot(), control, treesDone };
    this.trials.set(trialId, trial);

    return trial;
  }

  remove(trialId: string): void {
    this.trials.delete(trialId);
  }

  /** Pauses every running trial between chunks. */
  pauseAll(): void {
    for (const trial of this.trials.values()) {
      signal(trial.control, Control.pause, Control.run);
    }
  }

  /** Resumes every paused trial; a trial being preempted stays so. */
  resumeAll(): void {
    for (const trial of this.trials.values()) {
      signal(trial.control, Control.run, Control.pause);
    }
  }

  /**
   * Asks every trial to stop after its chunk and hand back a checkpoint,
   * except trials being aborted, whose jobs this worker no longer holds.
   */
  preemptAll(): void {
    for (const trial of this.trials.values()) {
      if (Atomics.load(trial.control, 0) !== Control.abort) {
        signal(trial.control, Control.preempt);
      }
    }
  }

  /**
   * Preempts the least advanced trials until at most `count` keep running.
   * Returns the ids of the trials it preempted.
   */
  preemptAbove(count: number): string[] {
    const active = [...this.trials.values()].filter((trial) => {
      const value = Atomics.load(trial.control, 0);

      return value !== Control.preempt && value !== Control.abort;
    });
    const extra = active.length - count;
    if (extra <= 0) {
      return [];
    }

    active.sort((a, b) => a.treesDone - b.treesDone);
    const preempted = active.slice(0, extra);
    for (const trial of preempted) {
      signal(trial.control, Control.preempt);
    }

    return preempted.map((trial) => trial.trialId);
  }

  /** Stops a trial after its chunk and drops its work. */
  abort(trialId: string): boolean {
    const trial = this.trials.get(trialId);
    if (trial !== undefined) {
      signal(trial.control, Control.abort);
    }

    return trial !== undefined;
  }

  private freeSlot(): number {
    const used = new Set([...this.trials.values()].map((trial) => trial.slot));
    let slot = 1;
    while (used.has(slot)) {
      slot += 1;
    }

    return slot;
  }
}

/** Sets a control cell, only from `from` when given, and wakes the task. */
function signal(control: Int32Array, value: number, from?: number): void {
  if (from === undefined) {
    Atomics.store(control, 0, value);
  } else {
    Atomics.compareExchange(control, 0, from, value);
  }
  Atomics.notify(control, 0);
}
