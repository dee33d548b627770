import {
  RandomForestClassifier,
  RandomForestRegression,
} from 'ml-random-forest';

import type { SplitData, Task } from '../data/dataset.js';
import type { TrialParams } from '../plan/trial-spec.js';
import type { Scores } from '../state/events.js';
import { score } from './metrics.js';

type Forest = RandomForestClassifier | RandomForestRegression;

/**
 * Fewest training rows for which out-of-bag scores are computed.
 *
 * NOTE: ml-random-forest 2.1.0 throws "column indices are out of range"
 * when a tree's bootstrap sample leaves no row out of bag. With n rows that
 * happens with probability n!/nⁿ per tree: 4% at 5 rows, 2e-8 at 20.
 */
const MIN_OOB_ROWS = 20;

/** One fold's forest so far, as plain JSON that crosses threads. */
export type FoldCheckpoint = {
  /**
   * The forest as JSON text of what the library's `toJSON` returns. Text,
   * because its trees hold ml-matrix objects that structured cloning
   * between threads turns into plain objects that cannot predict.
   */
  readonly model: string;
  /** Out-of-bag predictions per training row, from every tree so far. */
  readonly oobVotes: number[][];
};

/** A fold's forest and what it predicts, once it is grown. */
export type FoldEvaluation = {
  readonly scores: Scores;
  readonly trainPredictions: number[];
  readonly testPredictions: number[];
};

/**
 * NOTE: ml-random-forest 2.1.0 combines each training row's out-of-bag
 * predictions while training, and throws "input must not be empty" for a
 * row that no tree left out of the bag, which small chunks often do. These
 * subclasses let such rows through with no prediction; the combining
 * itself is still the library's.
 */
class ChunkClassifier extends RandomForestClassifier {
  override selection(values: number[]): number {
    return values.length === 0 ? Number.NaN : super.selection(values);
  }
}

class ChunkRegression extends RandomForestRegression {
  override selection(values: number[]): number {
    return values.length === 0 ? Number.NaN : super.selection(values);
  }
}

/**
 * Grows one random forest on one fold, a chunk of trees at a time. Every
 * chunk is trained by ml-random-forest with a seed derived from the trial
 * seed, the fold and the chunk number, and its trees join a single forest
 * whose predictions give the scores.
 */
export class GrowingForest {
  private forest: Forest | null;
  private readonly oobVotes: number[][];
  /** Every tree's prediction for each row, in tree order. */
  private readonly trainVotes: number[][];
  private readonly testVotes: number[][];

  constructor(
    private readonly task: Task,
    private readonly params: TrialParams,
    private readonly data: SplitData,
    private readonly fold: number,
    checkpoint: FoldCheckpoint | null = null,
  ) {
    this.forest = checkpoint
      ? loadForest(task, JSON.parse(checkpoint.model))
      : null;
    this.oobVotes =
      checkpoint?.oobVotes.map((votes) => [...votes]) ??
      data.trainTargets.map(() => []);
    this.trainVotes = this.predictEach(this.forest, data.trainFeatures);
    this.testVotes = this.predictEach(this.forest, data.testFeatures);
  }

  /**
   * Trains `count` more trees as chunk number `chunk` and scores the whole
   * forest. Only the new trees predict: each row's votes so far are kept,
   * and the forest's own selection rule turns them into the forest's
   * prediction, which is what `predict` would return, at a fraction of the
   * cost.
   */
  growChunk(count: number, chunk: number): Scores {
    const trees = this.trainChunk(count, chunk);

    this.addOobVotes(trees);
    appendRows(
      this.trainVotes,
      this.predictEach(trees, this.data.trainFeatures),
    );
    appendRows(this.testVotes, this.predictEach(trees, this.data.testFeatures));
    this.join(trees);

    const forest = this.requireForest();
    const select = (votes: number[][]) =>
      votes.map((rowVotes) => forest.selection(rowVotes));

    return {
      trainScore: this.score(select(this.trainVotes), this.data.trainTargets),
      testScore: this.score(select(this.testVotes), this.data.testTargets),
      oobScore: this.oobScore(forest),
    };
  }

  /** Scores the whole forest through its own `predict`. */
  evaluate(): FoldEvaluation {
    const forest = this.requireForest();
    const { data } = this;
    const trainPredictions = forest.predict(data.trainFeatures);
    const testPredictions = forest.predict(data.testFeatures);

    return {
      scores: {
        trainScore: this.score(trainPredictions, data.trainTargets),
        testScore: this.score(testPredictions, data.testTargets),
        oobScore: this.oobScore(forest),
      },
      trainPredictions,
      testPredictions,
    };
  }

  toCheckpoint(): FoldCheckpoint {
    return {
      model: JSON.stringify(this.requireForest().toJSON()),
      oobVotes: this.oobVotes,
    };
  }

  private trainChunk(count: number, chunk: number): Forest {
    const options = {
      nEstimators: count,
      maxFeatures: libraryMaxFeatures(
        this.params.maxFeatures,
        this.data.trainFeatures[0]?.length ?? 0,
      ),
      replacement: false,
      useSampleBagging: true,
      noOOB: this.data.trainTargets.length < MIN_OOB_ROWS,
      seed: chunkSeed(this.params.seed, chunk, this.fold),
      treeOptions: { maxDepth: this.params.maxDepth },
    };
    const trees =
      this.task === 'classification'
        ? new ChunkClassifier(options)
        : new ChunkRegression(options);
    trees.train(this.data.trainFeatures, this.data.trainTargets);

    return trees;
  }

  /** Returns each tree's prediction for each row; none without a forest. */
  private predictEach(forest: Forest | null, rows: number[][]): number[][] {
    if (!forest) {
      return rows.map(() => []);
    }

    const values = forest.predictionValues(rows);

    return rows.map((_, row) => values.getRow(row));
  }

  private score(predicted: readonly number[], actual: readonly number[]) {
    return score(this.task, predicted, actual);
  }

  private addOobVotes(trees: Forest): void {
    trees.oobResults?.forEach((result, row) => {
      this.oobVotes[row]!.push(...result.all);
    });
  }

  /** Appends the chunk's trees to the forest, which starts as the first. */
  private join(trees: Forest): void {
    if (!this.forest) {
      this.forest = loadForest(this.task, trees.toJSON());
      return;
    }

    // The library's type declarations omit these fields of a trained forest.
    const forest = this.forest as unknown as ForestInternals;
    const added = trees as unknown as ForestInternals;
    forest.estimators.push(...added.estimators);
    forest.indexes.push(...added.indexes);
    forest.nEstimators += added.nEstimators;
  }

  /** Returns null until every training row was out of bag at least once. */
  private oobScore(forest: Forest): number | null {
    if (this.oobVotes.some((votes) => votes.length === 0)) {
      return null;
    }

    const predicted = this.oobVotes.map((votes) => forest.selection(votes));

    return this.score(predicted, this.data.trainTargets);
  }

  private requireForest(): Forest {
    if (!this.forest) {
      throw new Error('The forest has no trees yet: grow a chunk first.');
    }

    return this.forest;
  }
}

/** The fields of a trained forest that joining two forests touches. */
type ForestInternals = {
  estimators: unknown[];
  indexes: number[][];
  nEstimators: number;
};

function loadForest(task: Task, model: unknown): Forest {
  // The declarations type `load` as taking the instance's own JSON.
  const json = model as ReturnType<RandomForestClassifier['toJSON']>;

  return task === 'classification'
    ? RandomForestClassifier.load(json)
    : RandomForestRegression.load(
        json as unknown as ReturnType<RandomForestRegression['toJSON']>,
      );
}

/**
 * Translates a feature count into ml-random-forest's `maxFeatures`.
 *
 * NOTE: ml-random-forest 2.1.0 reads any value in (0, 1] as a share of the
 * features, so a count of 1 would mean all of them. A share that floors to
 * one feature asks for exactly one instead.
 */
export function libraryMaxFeatures(
  count: number,
  featureCount: number,
): number {
  return count === 1 && featureCount > 1 ? 1.5 / featureCount : count;
}

function appendRows(target: number[][], rows: readonly number[][]): void {
  rows.forEach((values, row) => {
    target[row]!.push(...values);
  });
}

/**
 * Derives a 32-bit seed per chunk and fold, so each chunk draws different
 * trees. Fold 0 keeps the seeds of a forest grown on a single split.
 */
export function chunkSeed(trialSeed: number, chunk: number, fold = 0): number {
  return (
    Math.imul(trialSeed + 1, 0x9e3779b1) ^
    Math.imul(chunk + 1, 0x85ebca6b) ^
    Math.imul(fold, 0xc2b2ae35)
  );
}
