import { ThreadCpuTracker } from '../telemetry/thread-cpu.js';
import { Control } from '../train/messages.js';
import type { SlotReading } from './protocol.js';

/** A trial that a worker trains now, with the cell that controls it. */
export type RunningTrial = {
  readonly trialId: string;
  /** The trial's place in the pool, from 1; freed when it ends. */
  readonly slot: number;
  /** One Int32 cell over a SharedArrayBuffer, holding a `Control` value. */
  readonly control: Int32Array;
  /** Trees grown so far, updated from progress messages. */
  treesDone: number;
  /**
   * Linux thread id of the thread that trains it, from the task's `started`
   * message. Null until then, and on other systems.
   */
  tid: number | null;
};

/**
 * The trials one worker trains for one run, and the controls it sends
 * them. Each gets the lowest free slot number, so a worker with N threads
 * reports slots 1 to N.
 */
export class RunningTrials {
  private readonly trials = new Map<string, RunningTrial>();
  /** Linux thread ids of the pool's threads seen so far. */
  private readonly threadIds = new Set<number>();
  private readonly cpu = new ThreadCpuTracker();

  get size(): number {
    return this.trials.size;
  }

  /** Adds a trial, paused at once when `isPaused`. */
  add(trialId: string, treesDone: number, isPaused: boolean): RunningTrial {
    const control = new Int32Array(new SharedArrayBuffer(4));
    control[0] = isPaused ? Control.pause : Control.run;
    const trial: RunningTrial = {
      trialId,
      slot: this.freeSlot(),
      control,
      treesDone,
      tid: null,
    };
    this.trials.set(trialId, trial);

    return trial;
  }

  remove(trialId: string): void {
    this.trials.delete(trialId);
  }

  /**
   * Reads the CPU use of each trial's thread since the previous call, in
   * percent of one core, in slot order. Threads outlive trials, so a trial
   * that started since the previous call on a thread already measured gets
   * its thread's reading. A thread's first reading is null, and so is the
   * reading of a trial whose thread is unknown or cannot be read.
   */
  readSlots(): SlotReading[] {
    const trials = [...this.trials.values()].sort((a, b) => a.slot - b.slot);
    for (const trial of trials) {
      if (trial.tid !== null) {
        this.threadIds.add(trial.tid);
      }
    }

    // Every thread seen so far is measured, busy or not, so its sample is
    // fresh when its next trial starts.
    const readings = new Map(
      this.cpu
        .measure([...this.threadIds].map((tid) => ({ workerId: tid, tid })))
        .map((reading) => [reading.workerId, reading.cpuPercent]),
    );
    for (const [tid, percent] of readings) {
      if (percent === null && !trials.some((trial) => trial.tid === tid)) {
        this.threadIds.delete(tid);
      }
    }

    return trials.map((trial) => ({
      slot: trial.slot,
      trialId: trial.trialId,
      cpuPercent: trial.tid === null ? null : (readings.get(trial.tid) ?? null),
    }));
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
