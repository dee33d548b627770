import { performance } from 'node:perf_hooks';

import { describe, expect, it } from 'vitest';

import { RunningTrials } from '../../source/queue/running-trials.js';
import { readOwnThreadId } from '../../source/telemetry/thread-cpu.js';
import { Control } from '../../source/train/messages.js';

/** Time this thread spins between two readings, in ms. */
const BUSY_MS = 100;
/** Above PID_MAX_LIMIT, 2^22 on 64-bit Linux, so no thread has this id. */
const MISSING_TID = 2 ** 30;

const isLinux = process.platform === 'linux';

function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Burns CPU on this thread.
  }
}

describe('RunningTrials', () => {
  it('gives each trial the lowest free slot', () => {
    const trials = new RunningTrials();
    trials.add('t1', 0, false);
    trials.add('t2', 0, false);
    trials.add('t3', 0, false);
    trials.remove('t2');

    expect(trials.add('t4', 0, false).slot).toBe(2);
    expect(trials.add('t5', 0, false).slot).toBe(4);
    expect(trials.size).toBe(4);
  });

  it('starts a trial paused while the run is', () => {
    const trials = new RunningTrials();

    expect(trials.add('t1', 0, true).control[0]).toBe(Control.pause);
    expect(trials.add('t2', 0, false).control[0]).toBe(Control.run);
  });

  it('preempts the least advanced trials above a count', () => {
    const trials = new RunningTrials();
    const ahead = trials.add('t1', 50, false);
    const behind = trials.add('t2', 10, false);
    const middle = trials.add('t3', 30, false);

    expect(trials.preemptAbove(1)).toEqual(['t2', 't3']);
    expect(behind.control[0]).toBe(Control.preempt);
    expect(middle.control[0]).toBe(Control.preempt);
    expect(ahead.control[0]).toBe(Control.run);
    expect(trials.preemptAbove(1)).toEqual([]);
  });

  it('keeps a preempted trial preempted on resume', () => {
    const trials = new RunningTrials();
    const trial = trials.add('t1', 0, true);
    trials.preemptAll();
    trials.resumeAll();

    expect(trial.control[0]).toBe(Control.preempt);
  });

  it('leaves an aborted trial aborted', () => {
    const trials = new RunningTrials();
    const trial = trials.add('t1', 0, false);

    expect(trials.abort('t1')).toBe(true);
    trials.preemptAll();
    trials.pauseAll();

    expect(trial.control[0]).toBe(Control.abort);
    expect(trials.abort('t9')).toBe(false);
  });

  it('reuses a slot once its trial ended', () => {
    const trials = new RunningTrials();
    trials.add('t1', 0, false);
    trials.remove('t1');

    expect(trials.add('t2', 0, false).slot).toBe(1);
    expect(trials.size).toBe(1);
  });

  it('reads slots in slot order', () => {
    const trials = new RunningTrials();
    trials.add('t1', 0, false);
    trials.add('t2', 0, false);
    trials.add('t3', 0, false);
    trials.remove('t1');
    trials.add('t4', 0, false);

    expect(trials.readSlots()).toEqual([
      { slot: 1, trialId: 't4', cpuPercent: null },
      { slot: 2, trialId: 't2', cpuPercent: null },
      { slot: 3, trialId: 't3', cpuPercent: null },
    ]);
  });

  it.runIf(isLinux)('measures a thread from its second reading', () => {
    const trials = new RunningTrials();
    const trial = trials.add('t1', 0, false);
    trial.tid = readOwnThreadId();
    const first = trials.readSlots();
    spin(BUSY_MS);
    const second = trials.readSlots();

    expect(trial.tid).not.toBeNull();
    expect(first[0]!.cpuPercent).toBeNull();
    expect(second[0]!.cpuPercent).toBeGreaterThan(0);
    expect(second[0]!.cpuPercent).toBeLessThanOrEqual(100);
  });

  it('reads null for a thread that does not exist', () => {
    const trials = new RunningTrials();
    const trial = trials.add('t1', 0, false);
    trial.tid = MISSING_TID;
    trials.readSlots();

    expect(trials.readSlots()[0]!.cpuPercent).toBeNull();
  });
});
