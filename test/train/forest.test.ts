import { RandomForestClassifier } from 'ml-random-forest';
import { describe, expect, it } from 'vitest';

import { loadIris } from '../../source/data/iris.js';
import { GrowingForest } from '../../source/train/forest.js';
import { accuracy } from '../../source/train/metrics.js';
import { foldData, linearDataset } from './fold-data.js';

const [data] = foldData(loadIris());
const params = { trees: 30, maxFeatures: 2, maxDepth: 3, seed: 4 };

function growAll(forest: GrowingForest, chunkSize: number, trees = 30) {
  const curve = [];
  for (let done = 0, chunk = 0; done < trees; done += chunkSize, chunk += 1) {
    curve.push(forest.growChunk(Math.min(chunkSize, trees - done), chunk));
  }

  return curve;
}

function classifier(checkpoint = null as never) {
  return new GrowingForest('classification', params, data!, 0, checkpoint);
}

describe('GrowingForest', () => {
  it('grows the forest to its size in chunks', () => {
    const forest = classifier();
    const curve = growAll(forest, 7);

    expect(curve).toHaveLength(5);
    const model = JSON.parse(forest.toCheckpoint().model);
    expect(model.baseModel.estimators).toHaveLength(30);
  });

  it('reaches high test accuracy on iris', () => {
    const final = growAll(classifier(), 10).at(-1)!;

    expect(final.testScore).toBeGreaterThan(0.9);
    expect(final.trainScore).toBeGreaterThan(0.9);
  });

  it('computes accuracy from the joined forest predictions', () => {
    const forest = classifier();
    const final = growAll(forest, 10).at(-1)!;
    const model = RandomForestClassifier.load(
      JSON.parse(forest.toCheckpoint().model),
    );
    const predicted = model.predict(data!.testFeatures);

    expect(final.testScore).toBe(accuracy(predicted, data!.testTargets));
  });

  it('reports the same scores as the whole forest predicts', () => {
    for (const maxDepth of [1, 2, 4]) {
      const forest = new GrowingForest(
        'classification',
        { ...params, maxDepth },
        data!,
        0,
      );
      for (let chunk = 0; chunk < 5; chunk += 1) {
        const fromVotes = forest.growChunk(4, chunk);

        expect(fromVotes).toEqual(forest.evaluate().scores);
      }
    }
  });

  it('reports out-of-bag accuracy as null until defined', () => {
    const forest = classifier();
    const first = forest.growChunk(1, 0);
    const rest = growAll(forest, 13, 39).map((scores) => scores);

    expect(first.oobScore).toBeNull();
    expect(rest.at(-1)!.oobScore).toBeGreaterThan(0.8);
  });

  it('survives chunks of ten trees that crash the library', () => {
    const chunk = new RandomForestClassifier({
      nEstimators: 10,
      seed: 1,
      maxFeatures: 2,
      replacement: false,
      useSampleBagging: true,
      noOOB: false,
    });

    expect(() => chunk.train(data!.trainFeatures, data!.trainTargets)).toThrow(
      'input must not be empty',
    );
    expect(() => growAll(classifier(), 10)).not.toThrow();
  });

  it('continues from a checkpoint to the same result', () => {
    const straightFinal = growAll(classifier(), 10).at(-1);

    const first = classifier();
    first.growChunk(10, 0);
    // A checkpoint crosses threads by structured cloning.
    const checkpoint = structuredClone(first.toCheckpoint());
    const resumed = new GrowingForest(
      'classification',
      params,
      data!,
      0,
      checkpoint,
    );
    resumed.growChunk(10, 1);
    const resumedFinal = resumed.growChunk(10, 2);

    expect(resumedFinal).toEqual(straightFinal);
  });

  it('fits a regression target and scores it by R²', () => {
    const [fold] = foldData(linearDataset());
    const forest = new GrowingForest(
      'regression',
      { trees: 40, maxFeatures: 3, maxDepth: 6, seed: 1 },
      fold!,
      0,
    );
    const curve = growAll(forest, 10, 40);
    const final = curve.at(-1)!;

    expect(final.testScore).toBeGreaterThan(0.8);
    expect(final.trainScore).toBeGreaterThan(final.testScore - 0.2);
    expect(final.oobScore).toBeGreaterThan(0.6);
    expect(forest.evaluate().scores).toEqual(final);
  });
});

describe('GrowingForest on few features or rows', () => {
  it('draws exactly one feature per tree for max features 1', () => {
    const forest = new GrowingForest(
      'classification',
      { ...params, maxFeatures: 1 },
      data!,
      0,
    );
    growAll(forest, 10);
    const model = JSON.parse(forest.toCheckpoint().model);
    const indexes = model.baseModel.indexes as number[][];

    expect(indexes).toHaveLength(30);
    expect(indexes.every((features) => features.length === 1)).toBe(true);
  });

  it('trains on a handful of rows with no out-of-bag score', () => {
    const tiny = {
      trainFeatures: [
        [1, 2],
        [2, 1],
        [8, 9],
        [9, 8],
      ],
      trainTargets: [0, 0, 1, 1],
      testFeatures: [[1.5, 1.5]],
      testTargets: [0],
    };
    const forest = new GrowingForest('classification', params, tiny, 0);
    const scores = growAll(forest, 10);

    expect(scores.at(-1)!.oobScore).toBeNull();
    expect(scores.at(-1)!.testScore).toBe(1);
  });
});
