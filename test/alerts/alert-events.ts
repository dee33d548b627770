import type { TrialSpec } from '../../source/plan/trial-spec.js';
import type { EventOf, RunEvent } from '../../source/state/events.js';
import { reduceRunEvents } from '../../source/state/reducer.js';
import { createRunState, type RunState } from '../../source/state/run-state.js';
import { START_AT } from '../cli/run-events.js';

export const GIB = 1024 ** 3;

/** Returns the state after `events`, folded from an empty state. */
export function stateAfter(events: readonly RunEvent[]): RunState {
  return reduceRunEvents(createRunState(), events);
}

export function trialProgress(
  spec: TrialSpec,
  workerId: number,
  atMs: number,
  treesDone: number,
  scores: { readonly train: number; readonly test: number },
): EventOf<'trial-progress'> {
  return {
    kind: 'trial-progress',
    at: START_AT + atMs,
    trialId: spec.id,
    workerId,
    treesDone,
    elapsedMs: atMs,
    trainScore: scores.train,
    testScore: scores.test,
    oobScore: null,
  };
}

/** A telemetry tick with `usedGib` of 16 GiB in use. */
export function systemSampled(
  atMs: number,
  usedGib = 4,
): EventOf<'system-sampled'> {
  return {
    kind: 'system-sampled',
    at: START_AT + atMs,
    cpuPercent: 50,
    corePercents: [50, 50],
    memUsedBytes: usedGib * GIB,
    memTotalBytes: 16 * GIB,
    rssBytes: 100_000_000,
    heapUsedBytes: 50_000_000,
    heapTotalBytes: 80_000_000,
  };
}

export function runPaused(atMs: number): EventOf<'run-paused'> {
  return { kind: 'run-paused', at: START_AT + atMs };
}

export function runResumed(atMs: number): EventOf<'run-resumed'> {
  return { kind: 'run-resumed', at: START_AT + atMs };
}

/**
 * Returns the start of an attempt that continues on `workerId` from a
 * checkpoint of `treesDone` trees, as after a preemption or a lost worker.
 */
export function trialContinued(
  spec: TrialSpec,
  workerId: number,
  atMs: number,
  treesDone: number,
  attempt = 1,
): EventOf<'trial-started'> {
  return {
    kind: 'trial-started',
    at: START_AT + atMs,
    trialId: spec.id,
    workerId,
    attempt,
    treesDone,
  };
}

export function trialPreempted(
  spec: TrialSpec,
  workerId: number,
  atMs: number,
  treesDone: number,
): EventOf<'trial-preempted'> {
  return {
    kind: 'trial-preempted',
    at: START_AT + atMs,
    trialId: spec.id,
    workerId,
    treesDone,
  };
}
