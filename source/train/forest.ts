import { RandomForestClassifier } from 'ml-random-forest';

import type { SplitData } from '../data/dataset.js';
import type { TrialParams } from '../plan/trial-spec.js';
import type { Accuracies } from '../state/events.js';

/** A forest grown so far, as plain JSON that crosses threads. */
export type ForestCheckpoint = {
  readonly treesDone: number;
  readonly chunksDone: number;
  /** Training time so far, in ms. */
  readonly elapsedMs: number;
  /**
   * The forest as JSON text of what `RandomForestClassifier#toJSON`
   * returns. Text, because its trees hold ml-matrix objects that structured
   * cloning between threads turns into plain objects that cannot predict.
   */
  readonly model: string;
  /** Out-of-bag votes per training row, from every tree so far. */
  readonly oobVotes: number[][];
};

/**
 * NOTE: ml-random-forest 2.1.0 takes the mode of each training row's
 * out-of-bag votes while training, and throws "input must not be empty" for
 * a row that no tree left out of the bag, which small chunks often do. This
 * subclass lets such rows through with no prediction; the votes themselves
 * are still the library's.
 */
class ChunkForest extends RandomForestClassifier {
  override selection(values: number[]): number {
    return values.length === 0 ? Number.NaN : super.selection(values);
  }
}

/**
 * Grows one random forest a chunk of trees at a time. Every chunk is trained
 * by ml-random-forest with a seed derived from the trial seed and the chunk
 * number, and its trees join a single forest whose predictions give the
 * accuracies.
 */
export class GrowingForest {
  private forest: RandomForestClassifier | null;
  private readonly oobVotes: number[][];
  /** Every tree's prediction for each row, in tree order. */
  private readonly trainVotes: number[][];
  private readonly testVotes: number[][];
  private chunks: number;
  treesDone: number;
  elapsedMs: number;

  constructor(
    private readonly params: TrialParams,
    private readonly data: SplitData,
    checkpoint: ForestCheckpoint | null = null,
  ) {
    this.forest = checkpoint
      ? RandomForestClassifier.load(JSON.parse(checkpoint.model))
      : null;
    this.oobVotes =
      checkpoint?.oobVotes.map((votes) => [...votes]) ??
      data.trainLabels.map(() => []);
    this.trainVotes = this.predictEach(this.forest, data.trainFeatures);
    this.testVotes = this.predictEach(this.forest, data.testFeatures);
    this.chunks = checkpoint?.chunksDone ?? 0;
    this.treesDone = checkpoint?.treesDone ?? 0;
    this.elapsedMs = checkpoint?.elapsedMs ?? 0;
  }

  get isComplete(): boolean {
    return this.treesDone >= this.params.trees;
  }

  /**
   * Trains up to `size` more trees and evaluates the whole forest. Only the
   * new trees predict: each row's votes so far are kept, and the forest's
   * own selection rule turns them into the forest's prediction, which is
   * what `predict` would return, at a fraction of the cost.
   */
  growChunk(size: number): Accuracies {
    const startedAt = performance.now();
    const count = Math.min(size, this.params.trees - this.treesDone);
    const chunk = this.trainChunk(count);

    this.addVotes(chunk);
    appendRows(
      this.trainVotes,
      this.predictEach(chunk, this.data.trainFeatures),
    );
    appendRows(this.testVotes, this.predictEach(chunk, this.data.testFeatures));
    this.join(chunk);
    this.chunks += 1;
    this.treesDone += count;

    const forest = this.requireForest();
    const accuracies = {
      trainAccuracy: this.voteAccuracy(this.trainVotes, this.data.trainLabels),
      testAccuracy: this.voteAccuracy(this.testVotes, this.data.testLabels),
      oobAccuracy: this.oobAccuracy(forest),
    };
    this.elapsedMs += performance.now() - startedAt;

    return accuracies;
  }

  /** Evaluates the whole forest through its own `predict`. */
  evaluate(): Accuracies {
    const forest = this.requireForest();
    const { data } = this;

    return {
      trainAccuracy: accuracy(
        forest.predict(data.trainFeatures),
        data.trainLabels,
      ),
      testAccuracy: accuracy(
        forest.predict(data.testFeatures),
        data.testLabels,
      ),
      oobAccuracy: this.oobAccuracy(forest),
    };
  }

  toCheckpoint(): ForestCheckpoint {
    return {
      treesDone: this.treesDone,
      chunksDone: this.chunks,
      elapsedMs: this.elapsedMs,
      model: JSON.stringify(this.requireForest().toJSON()),
      oobVotes: this.oobVotes,
    };
  }

  private trainChunk(count: number): ChunkForest {
    const chunk = new ChunkForest({
      nEstimators: count,
      maxFeatures: this.params.maxFeatures,
      replacement: false,
      useSampleBagging: true,
      noOOB: false,
      seed: chunkSeed(this.params.seed, this.chunks),
      treeOptions: { maxDepth: this.params.maxDepth },
    });
    chunk.train(this.data.trainFeatures, this.data.trainLabels);

    return chunk;
  }

  /** Returns each tree's prediction for each row; none without a forest. */
  private predictEach(
    forest: RandomForestClassifier | null,
    rows: number[][],
  ): number[][] {
    if (!forest) {
      return rows.map(() => []);
    }

    const values = forest.predictionValues(rows);

    return rows.map((_, row) => values.getRow(row));
  }

  private voteAccuracy(votes: number[][], labels: readonly number[]) {
    const forest = this.requireForest();

    return accuracy(
      votes.map((rowVotes) => forest.selection(rowVotes)),
      labels,
    );
  }

  private addVotes(chunk: ChunkForest): void {
    chunk.oobResults?.forEach((result, row) => {
      this.oobVotes[row]!.push(...result.all);
    });
  }

  /** Appends the chunk's trees to the forest, which starts as the first. */
  private join(chunk: ChunkForest): void {
    if (!this.forest) {
      this.forest = RandomForestClassifier.load(chunk.toJSON());
      return;
    }

    // The library's type declarations omit these fields of a trained forest.
    const forest = this.forest as unknown as ForestInternals;
    const trees = chunk as unknown as ForestInternals;
    forest.estimators.push(...trees.estimators);
    forest.indexes.push(...trees.indexes);
    forest.nEstimators += trees.nEstimators;
  }

  /** Returns null until every training row was out of bag at least once. */
  private oobAccuracy(forest: RandomForestClassifier): number | null {
    if (this.oobVotes.some((votes) => votes.length === 0)) {
      return null;
    }

    const predicted = this.oobVotes.map((votes) => forest.selection(votes));

    return accuracy(predicted, this.data.trainLabels);
  }

  private requireForest(): RandomForestClassifier {
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

function appendRows(target: number[][], rows: readonly number[][]): void {
  rows.forEach((values, row) => {
    target[row]!.push(...values);
  });
}

/** Derives a 32-bit seed per chunk, so each chunk draws different trees. */
export function chunkSeed(trialSeed: number, chunk: number): number {
  return (
    Math.imul(trialSeed + 1, 0x9e3779b1) ^ Math.imul(chunk + 1, 0x85ebca6b)
  );
}

export function accuracy(
  predicted: readonly number[],
  expected: readonly number[],
): number {
  if (expected.length === 0) {
    throw new RangeError('Cannot compute accuracy on zero rows.');
  }

  let correct = 0;
  predicted.forEach((label, row) => {
    if (label === expected[row]) {
      correct += 1;
    }
  });

  return correct / expected.length;
}
