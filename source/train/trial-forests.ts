import type { SplitData, Task } from '../data/dataset.js';
import type { TrialParams } from '../plan/trial-spec.js';
import type { Scores, TrialMetrics } from '../state/events.js';
import {
  GrowingForest,
  type FoldCheckpoint,
  type FoldEvaluation,
} from './forest.js';
import { mean } from '../state/statistics.js';
import { countConfusion, emptyConfusion, macroF1, rmse } from './metrics.js';

/** A trial's forests so far, as plain JSON that crosses threads. */
export type TrialCheckpoint = {
  readonly treesDone: number;
  readonly chunksDone: number;
  /** Training time so far, in ms. */
  readonly elapsedMs: number;
  readonly folds: readonly FoldCheckpoint[];
};

/** What a finished trial reports. */
export type TrialOutcome = {
  /** Each score is the mean over the folds. */
  readonly scores: Scores;
  readonly foldTestScores: number[];
  readonly metrics: TrialMetrics;
};

/** The data a trial trains on: the task and one split per fold. */
export type TrialData = {
  readonly task: Task;
  /** Number of classes; 0 for regression. */
  readonly classCount: number;
  readonly folds: readonly SplitData[];
};

/**
 * Grows a trial's forests, one per fold, in step: every chunk adds the same
 * number of trees to each, so the scores after a chunk are the
 * cross-validated scores of a forest of that size. A held-out split is the
 * case of a single fold.
 */
export class TrialForests {
  private readonly forests: GrowingForest[];
  private chunks: number;
  treesDone: number;
  elapsedMs: number;

  constructor(
    private readonly data: TrialData,
    private readonly params: TrialParams,
    checkpoint: TrialCheckpoint | null = null,
  ) {
    this.forests = data.folds.map(
      (fold, index) =>
        new GrowingForest(
          data.task,
          params,
          fold,
          index,
          checkpoint?.folds[index] ?? null,
        ),
    );
    this.chunks = checkpoint?.chunksDone ?? 0;
    this.treesDone = checkpoint?.treesDone ?? 0;
    this.elapsedMs = checkpoint?.elapsedMs ?? 0;
  }

  get isComplete(): boolean {
    return this.treesDone >= this.params.trees;
  }

  /** Trains up to `size` more trees in every fold and scores them. */
  growChunk(size: number): Scores {
    const startedAt = performance.now();
    const count = Math.min(size, this.params.trees - this.treesDone);
    const scores = this.forests.map((forest) =>
      forest.growChunk(count, this.chunks),
    );
    this.chunks += 1;
    this.treesDone += count;
    this.elapsedMs += performance.now() - startedAt;

    return meanScores(scores);
  }

  /** Scores the finished forests through their own `predict`. */
  evaluate(): TrialOutcome {
    const evaluations = this.forests.map((forest) => forest.evaluate());

    return {
      scores: meanScores(evaluations.map((evaluation) => evaluation.scores)),
      foldTestScores: evaluations.map(
        (evaluation) => evaluation.scores.testScore,
      ),
      metrics: this.metrics(evaluations),
    };
  }

  toCheckpoint(): TrialCheckpoint {
    return {
      treesDone: this.treesDone,
      chunksDone: this.chunks,
      elapsedMs: this.elapsedMs,
      folds: this.forests.map((forest) => forest.toCheckpoint()),
    };
  }

  private metrics(evaluations: readonly FoldEvaluation[]): TrialMetrics {
    const { folds } = this.data;
    if (this.data.task === 'regression') {
      return {
        task: 'regression',
        trainRmse: mean(
          evaluations.map((evaluation, fold) =>
            rmse(evaluation.trainPredictions, folds[fold]!.trainTargets),
          ),
        ),
        testRmse: mean(
          evaluations.map((evaluation, fold) =>
            rmse(evaluation.testPredictions, folds[fold]!.testTargets),
          ),
        ),
      };
    }

    const confusion = emptyConfusion(this.data.classCount);
    evaluations.forEach((evaluation, fold) => {
      countConfusion(
        evaluation.testPredictions,
        folds[fold]!.testTargets,
        this.data.classCount,
        confusion,
      );
    });

    return {
      task: 'classification',
      macroF1: macroF1(confusion),
      confusion,
    };
  }
}

function meanScores(scores: readonly Scores[]): Scores {
  const oob = scores.map((each) => each.oobScore);

  return {
    trainScore: mean(scores.map((each) => each.trainScore)),
    testScore: mean(scores.map((each) => each.testScore)),
    oobScore: oob.includes(null) ? null : mean(oob as number[]),
  };
}
