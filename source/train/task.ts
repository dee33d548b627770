import { threadId } from 'node:worker_threads';

import { readOwnThreadId } from '../telemetry/thread-cpu.js';
import {
  Control,
  type TaskMessage,
  type TaskResult,
  type TrainTask,
} from './messages.js';
import { resolveTaskData } from './task-data.js';
import { TrialForests } from './trial-forests.js';

/** How long a paused task sleeps before it looks at its control again. */
const PAUSE_POLL_MS = 1_000;

const tid = readOwnThreadId();

/**
 * Trains one trial in a worker thread: grows the forest chunk by chunk,
 * reports after every chunk, and obeys its control cell between chunks.
 */
export default function trainTrial(task: TrainTask): TaskResult {
  const { spec, port } = task;
  const control = new Int32Array(task.control);
  const forest = new TrialForests(
    resolveTaskData(task.data),
    spec.params,
    task.checkpoint,
  );
  const send = (message: TaskMessage) => port.postMessage(message);

  send({ type: 'started', threadId, tid });
  const isAtRung = () =>
    task.stopAtTrees !== undefined && forest.treesDone >= task.stopAtTrees;

  try {
    let testScore: number | null = null;
    while (!forest.isComplete) {
      if (isAtRung() && testScore !== null) {
        return {
          status: 'rung-reached',
          checkpoint: forest.toCheckpoint(),
          testScore,
        };
      }

      const signal = waitWhilePaused(control);
      if (signal === Control.abort) {
        return { status: 'aborted', treesDone: forest.treesDone };
      }
      if (signal === Control.preempt) {
        const checkpoint = forest.treesDone > 0 ? forest.toCheckpoint() : null;

        return { status: 'preempted', checkpoint };
      }

      const scores = forest.growChunk(spec.chunkSize);
      testScore = scores.testScore;
      send({
        type: 'progress',
        treesDone: forest.treesDone,
        elapsedMs: forest.elapsedMs,
        ...scores,
      });
      if (!forest.isComplete && !isAtRung()) {
        waitForPace(control, task.paceMs ?? 0);
      }
    }

    // The result comes from the finished model's own predictions.
    const outcome = forest.evaluate();

    return {
      status: 'finished',
      trees: forest.treesDone,
      elapsedMs: forest.elapsedMs,
      ...outcome.scores,
      foldTestScores: outcome.foldTestScores,
      metrics: outcome.metrics,
    };
  } finally {
    port.close();
  }
}

/**
 * Blocks the thread for the demo pace, outside the trial's training time.
 * A pause, preemption or abort wakes it at once, so controls stay prompt.
 */
function waitForPace(control: Int32Array, paceMs: number): void {
  if (paceMs > 0) {
    Atomics.wait(control, 0, Control.run, paceMs);
  }
}

/** Blocks the thread while paused, so a paused trial uses no CPU. */
function waitWhilePaused(control: Int32Array): number {
  let signal = Atomics.load(control, 0);
  while (signal === Control.pause) {
    Atomics.wait(control, 0, Control.pause, PAUSE_POLL_MS);
    signal = Atomics.load(control, 0);
  }

  return signal;
}
