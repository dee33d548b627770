import type { RunEvent } from '../state/events.js';
import type { RunState } from '../state/run-state.js';
import { standardDeviation } from '../state/statistics.js';

/** One row per trial: its parameters and how it ended. */
export type TrialRow = {
  readonly trial: string;
  readonly trees: number;
  readonly maxFeatures: number;
  readonly maxDepth: number;
  readonly seed: number;
  readonly status: string;
  readonly attempts: number;
  readonly trainScore: number | null;
  readonly testScore: number | null;
  readonly oobScore: number | null;
  /** Standard deviation of the test score over the folds. */
  readonly testScoreSpread: number | null;
  /** Classification only: mean F1 over the classes. */
  readonly macroF1: number | null;
  /** Regression only: root mean squared errors. */
  readonly trainRmse: number | null;
  readonly testRmse: number | null;
  /** Training time, in ms. */
  readonly elapsedMs: number;
  readonly error: string | null;
};

/** One row per chunk of trees a trial grew. */
export type ChunkRow = {
  readonly trial: string;
  readonly attempt: number;
  readonly treesDone: number;
  readonly elapsedMs: number;
  readonly trainScore: number;
  readonly testScore: number;
  readonly oobScore: number | null;
  /** Time of the report, in ms since the Unix epoch. */
  readonly at: number;
};

export function trialRows(state: RunState): TrialRow[] {
  return state.trialIds.map((id) => {
    const trial = state.trials[id]!;
    const { params } = trial.spec;
    const { metrics } = trial;

    return {
      trial: id,
      trees: params.trees,
      maxFeatures: params.maxFeatures,
      maxDepth: params.maxDepth,
      seed: params.seed,
      status: trial.status,
      attempts: trial.attempt,
      trainScore: trial.trainScore,
      testScore: trial.testScore,
      oobScore: trial.oobScore,
      testScoreSpread:
        trial.foldTestScores.length > 0
          ? standardDeviation(trial.foldTestScores)
          : null,
      macroF1: metrics?.task === 'classification' ? metrics.macroF1 : null,
      trainRmse: metrics?.task === 'regression' ? metrics.trainRmse : null,
      testRmse: metrics?.task === 'regression' ? metrics.testRmse : null,
      elapsedMs: trial.elapsedMs,
      error: trial.error,
    };
  });
}

/** Returns every chunk report, in order, with the attempt it belongs to. */
export function chunkRows(events: readonly RunEvent[]): ChunkRow[] {
  const attempts = new Map<string, number>();
  const rows: ChunkRow[] = [];
  for (const event of events) {
    if (event.kind === 'trial-started') {
      attempts.set(event.trialId, event.attempt);
    }
    if (event.kind === 'trial-progress') {
      rows.push({
        trial: event.trialId,
        attempt: attempts.get(event.trialId) ?? 1,
        treesDone: event.treesDone,
        elapsedMs: event.elapsedMs,
        trainScore: event.trainScore,
        testScore: event.testScore,
        oobScore: event.oobScore,
        at: event.at,
      });
    }
  }

  return rows;
}

/**
 * Formats rows as CSV with a header line (RFC 4180): fields with a comma,
 * quote or line break are quoted, and missing values are empty.
 */
export function toCsv<Row extends Record<string, unknown>>(
  rows: readonly Row[],
  columns: readonly (keyof Row & string)[],
): string {
  const lines = [columns.join(',')];
  for (const row of rows) {
    lines.push(columns.map((column) => csvField(row[column])).join(','));
  }

  return `${lines.join('\r\n')}\r\n`;
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }

  const text = String(value);

  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
