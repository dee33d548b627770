import type { TaskData } from '../source/train/messages.js';
import { resolveTaskData } from '../source/train/task-data.js';

/**
 * A task that only receives its data, the way a training task does, and
 * returns the number of training rows it got.
 */
export default function receiveData(data: TaskData): number {
  return resolveTaskData(data).folds[0]!.trainTargets.length;
}
