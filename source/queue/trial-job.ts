import {
  MessageChannel,
  receiveMessageOnPort,
  type MessagePort,
} from 'node:worker_threads';

import { ErrorCode, UnrecoverableError, WaitingError, type Job } from 'bullmq';
import type { Piscina } from 'piscina';

import type { SharedTable } from '../data/shared-table.js';
import type { RunLogger } from '../runner/run-logger.js';
import type { TaskMessage, TaskResult, TrainTask } from '../train/messages.js';
import type { MessageOf, ProgressMessage, TrialJobData } from './protocol.js';
import type { RunningTrial, RunningTrials } from './running-trials.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown
  ? Omit<T, K>
  : never;

/** The fields a worker adds to every message it sends. */
export type MessageStamp = Pick<ProgressMessage, 'at' | 'workerId'>;

/** A progress message before the worker stamps it. */
export type DraftMessage = DistributiveOmit<
  ProgressMessage,
  keyof MessageStamp
>;

/**
 * The result of a trial's job, which BullMQ stores: the trial finished, or
 * it reached the rung of a halving search that its job stops at.
 */
export type TrialJobResult = MessageOf<'trial-finished' | 'trial-rung-reached'>;

/** The parts of the worker that a trial job uses. */
export type TrialJobContext = {
  readonly runId: string;
  readonly pool: Piscina<TrainTask, TaskResult>;
  readonly table: SharedTable;
  /** Host name of this machine, for trial-started messages. */
  readonly host: string;
  readonly trials: RunningTrials;
  /** Whether the run is paused now, so a new trial starts paused. */
  readonly isPaused: () => boolean;
  /**
   * Stamps a message, appends it to the run's progress stream and resolves
   * to it once Redis has it. It never rejects, because a failed append is
   * logged and dropped.
   */
  readonly publish: <M extends DraftMessage>(
    message: M,
  ) => Promise<M & MessageStamp>;
  readonly logger: RunLogger;
};

/**
 * Trains the trial of one BullMQ job on the worker's pool and reports it on
 * the progress stream. Returns the trial-finished message as the job's
 * result, or the trial-rung-reached message when the job stops the trial
 * at a halving rung, with the checkpoint in the job's data. A preempted
 * trial's checkpoint goes into the job's data and the job back to
 * waiting, and a failed trial is reported and rethrown, so
 * BullMQ retries it when the job has attempts left. A preempted or aborted
 * trial whose job no longer exists, as after its coordinator deleted the
 * run, is dropped with one info line in the log.
 */
export async function processTrialJob(
  job: Job<TrialJobData>,
  token: string | undefined,
  context: TrialJobContext,
): Promise<TrialJobResult> {
  const data = checkJobData(job);
  const attempt = data.attempt + job.attemptsMade;
  const trial = context.trials.add(
    data.spec.id,
    data.checkpoint?.treesDone ?? 0,
    context.isPaused(),
  );

  let result: TaskResult;
  try {
    result = await runTask(context, trial, data, attempt);
  } catch (error) {
    await reportFailure(job, context, trial, attempt, error);
    throw error;
  } finally {
    context.trials.remove(trial.trialId);
  }

  switch (result.status) {
    case 'finished': {
      const { status: _status, ...outcome } = result;

      return context.publish({
        kind: 'trial-finished' as const,
        ...ids(trial),
        ...outcome,
      });
    }
    case 'preempted':
      return handBack(job, token, context, trial, {
        ...data,
        checkpoint: result.checkpoint ?? data.checkpoint,
      });
    case 'aborted':
      return dropAborted(job, context, trial, result.treesDone);
    case 'rung-reached':
      // The checkpoint goes into the job before the message reports the
      // rung, so the coordinator finds it when it reads the message.
      await job.updateData({ ...data, checkpoint: result.checkpoint });

      return context.publish({
        kind: 'trial-rung-reached' as const,
        ...ids(trial),
        treesDone: result.checkpoint.treesDone,
        testScore: result.testScore,
      });
  }
}

/**
 * Returns whether `error` is BullMQ's error for a command on a job that no
 * longer exists, such as "Missing key for job t1. updateData".
 */
export function isMissingJobError(error: unknown): boolean {
  return (
    error instanceof Error &&
    'code' in error &&
    error.code === ErrorCode.JobNotExist
  );
}

/**
 * Writes a preempted trial's checkpoint into its job and moves the job back
 * to waiting. Throws WaitingError, so BullMQ leaves the job where it is.
 */
async function handBack(
  job: Job<TrialJobData>,
  token: string | undefined,
  context: TrialJobContext,
  trial: RunningTrial,
  data: TrialJobData,
): Promise<never> {
  try {
    await job.updateData(data);
    // Published before the job is back on the queue, so the stream never
    // shows another worker starting the trial before this one let go.
    await context.publish({
      kind: 'trial-preempted',
      ...ids(trial),
      treesDone: data.checkpoint?.treesDone ?? 0,
    });
    await job.moveToWait(token);
  } catch (error) {
    if (!isMissingJobError(error)) {
      throw error;
    }

    logMissingJob(context, trial, data.checkpoint?.treesDone ?? 0);
  }

  throw new WaitingError();
}

/**
 * Drops a trial that was aborted because its job's lock was lost. Another
 * worker may hold the job now, so this one leaves the job alone and throws
 * WaitingError.
 */
async function dropAborted(
  job: Job<TrialJobData>,
  context: TrialJobContext,
  trial: RunningTrial,
  treesDone: number,
): Promise<never> {
  // A deleted job loses its lock too, but then no other worker holds it.
  if (!(await jobExists(job, context))) {
    logMissingJob(context, trial, treesDone);
    throw new WaitingError();
  }

  const { runId, logger } = context;
  const { trialId } = trial;
  logger.warn(
    { runId, trialId, treesDone },
    'trial dropped after its job lock was lost',
  );
  await context.publish({
    kind: 'log',
    level: 'warn',
    message:
      `Dropped trial ${trialId} after ${treesDone} trees: ` +
      'this worker lost the lock on its job.',
    trialId,
  });
  throw new WaitingError();
}

/** Returns whether the job exists, or true when the check fails. */
async function jobExists(
  job: Job<TrialJobData>,
  context: TrialJobContext,
): Promise<boolean> {
  try {
    return (await job.getState()) !== 'unknown';
  } catch (error) {
    context.logger.warn(
      { err: error, runId: context.runId, trialId: job.id },
      'failed to check whether the job of an aborted trial exists',
    );

    return true;
  }
}

/**
 * Logs a trial dropped because its job is gone. Nothing goes on the stream,
 * since a deleted run has no reader.
 */
function logMissingJob(
  context: TrialJobContext,
  trial: RunningTrial,
  treesDone: number,
): void {
  context.logger.info(
    { runId: context.runId, trialId: trial.trialId, treesDone },
    'trial dropped: its job no longer exists',
  );
}

function checkJobData(job: Job<TrialJobData>): TrialJobData {
  const data = job.data as Partial<TrialJobData> | null;
  if (
    typeof data?.spec?.id !== 'string' ||
    typeof data.attempt !== 'number' ||
    data.checkpoint === undefined
  ) {
    throw new UnrecoverableError(
      `Invalid data in job ${job.id}: expected {spec, attempt, checkpoint}, ` +
        'as traintop run --redis adds them.',
    );
  }

  return data as TrialJobData;
}

/** Runs the training task and forwards its port messages as it goes. */
async function runTask(
  context: TrialJobContext,
  trial: RunningTrial,
  data: TrialJobData,
  attempt: number,
): Promise<TaskResult> {
  const { port1, port2 } = new MessageChannel();
  const forward = (message: TaskMessage) =>
    forwardMessage(context, trial, attempt, message);
  port1.on('message', forward);

  const task: TrainTask = {
    spec: data.spec,
    attempt,
    data: { kind: 'shared', table: context.table },
    control: trial.control.buffer as SharedArrayBuffer,
    port: port2,
    checkpoint: data.checkpoint,
    ...(data.stopAtTrees === undefined
      ? {}
      : { stopAtTrees: data.stopAtTrees }),
  };
  try {
    return await context.pool.run(task, { transferList: [port2] });
  } finally {
    // The task posts its last messages before it returns, but the result
    // comes back on another port, so some may still be queued here.
    drainMessages(port1, forward);
    port1.close();
  }
}

function drainMessages(
  port: MessagePort,
  forward: (message: TaskMessage) => void,
): void {
  let received = receiveMessageOnPort(port);
  while (received) {
    forward(received.message as TaskMessage);
    received = receiveMessageOnPort(port);
  }
}

function forwardMessage(
  context: TrialJobContext,
  trial: RunningTrial,
  attempt: number,
  message: TaskMessage,
): void {
  switch (message.type) {
    case 'started':
      trial.tid = message.tid;
      void context.publish({
        kind: 'trial-started',
        ...ids(trial),
        host: context.host,
        attempt,
        treesDone: trial.treesDone,
      });
      break;
    case 'progress': {
      const { type: _type, ...progress } = message;
      trial.treesDone = message.treesDone;
      void context.publish({
        kind: 'trial-progress',
        ...ids(trial),
        ...progress,
      });
      break;
    }
    case 'log':
      context.logger[message.level](
        { trialId: trial.trialId },
        message.message,
      );
      void context.publish({
        kind: 'log',
        level: message.level,
        message: message.message,
        trialId: trial.trialId,
      });
      break;
  }
}

async function reportFailure(
  job: Job<TrialJobData>,
  context: TrialJobContext,
  trial: RunningTrial,
  attempt: number,
  error: unknown,
): Promise<void> {
  const willRetry = job.attemptsMade + 1 < (job.opts.attempts ?? 1);
  context.logger.warn(
    { err: error, trialId: trial.trialId, attempt, willRetry },
    'trial failed',
  );
  if (willRetry) {
    // A retry starts again from no trees, as it does on local threads.
    await job.updateData({ ...job.data, checkpoint: null }).catch((cause) => {
      context.logger.warn(
        { err: cause, trialId: trial.trialId },
        'failed to clear the checkpoint of a failed trial',
      );
    });
  }

  await context.publish({
    kind: 'trial-failed',
    ...ids(trial),
    attempt,
    error: error instanceof Error ? error.message : String(error),
    willRetry,
  });
}

function ids(trial: RunningTrial) {
  return { trialId: trial.trialId, slot: trial.slot };
}
