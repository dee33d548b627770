import { loadIris } from '../data/iris.js';
import { describeData } from '../data/open-dataset.js';
import type { DataSource, RunEvent } from '../state/events.js';

/** Field names of logs written before regression, and what they became. */
const RENAMED_SCORES = [
  ['trainAccuracy', 'trainScore'],
  ['testAccuracy', 'testScore'],
  ['oobAccuracy', 'oobScore'],
] as const;

/**
 * Brings an event read from an older log up to today's shape: scores were
 * called accuracies, trials had a single test score, and a run's data was
 * always iris with a held-out split. Current events pass through unchanged.
 */
export function upgradeEvent(event: RunEvent): RunEvent {
  switch (event.kind) {
    case 'trial-progress':
      return renameScores(event);
    case 'trial-finished': {
      const renamed = renameScores(event);

      return renamed.foldTestScores
        ? renamed
        : { ...renamed, foldTestScores: [renamed.testScore] };
    }
    case 'run-started':
      return event.data && !('task' in event.data)
        ? { ...event, data: irisSource(event.data) }
        : event;
    default:
      return event;
  }
}

function renameScores<T extends object>(event: T): T {
  if (!('testAccuracy' in event)) {
    return event;
  }

  const renamed: Record<string, unknown> = { ...event };
  for (const [from, to] of RENAMED_SCORES) {
    renamed[to] = renamed[from];
    delete renamed[from];
  }

  return renamed as T;
}

function irisSource(old: object): DataSource {
  const { testFraction, splitSeed } = old as {
    testFraction: number;
    splitSeed: number;
  };

  return describeData(loadIris(), { kind: 'holdout', testFraction }, splitSeed);
}
