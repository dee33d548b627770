import { RandomForestClassifier } from 'ml-random-forest';
import { describe, expect, it } from 'vitest';

import { loadIris } from '../../source/data/iris.js';
import { splitStratified } from '../../source/data/split.js';
import { accuracy, GrowingForest } from '../../source/train/forest.js';

const data = splitStratified(loadIris(), 0.2, 1);
const params = { trees: 30, maxFeatures: 2, maxDepth: 3, seed: 4 };

function growAll(forest: GrowingForest, chunkSize: number) {
  const curve = [];
  while (!forest.isComplete) {
    curve.push(forest.growChunk(chunkSize));
  }

  return curve;
}

describe('GrowingForest', () => {
  it('grows the forest to its size in chunks', () => {
    const forest = new GrowingForest(params, data);
    const curve = growAll(forest, 7);

    expect(curve).toHaveLength(5);
    expect(forest.treesDone).toBe(30);
    const model = JSON.parse(forest.toCheckpoint().model);
    expect(model.baseModel.estimators).toHaveLength(30);
  });

  it('reaches high test accuracy on iris', () => {
    const forest = new GrowingForest(params, data);
    const final = growAll(forest, 10).at(-1)!;

    expect(final.testAccuracy).toBeGreaterThan(0.9);
    expect(final.trainAccuracy).toBeGreaterThan(0.9);
  });

  it('computes accuracy from the joined forest predictions', () => {
    const forest = new GrowingForest(params, data);
    const final = growAll(forest, 10).at(-1)!;
    const model = RandomForestClassifier.load(
      JSON.parse(forest.toCheckpoint().model),
    );
    const predicted = model.predict(data.testFeatures);

    expect(final.testAccuracy).toBe(accuracy(predicted, data.testLabels));
  });

  it('reports the same accuracies as the whole forest predicts', () => {
    for (const maxDepth of [1, 2, 4]) {
      const forest = new GrowingForest({ ...params, maxDepth }, data);
      while (!forest.isComplete) {
        const fromVotes = forest.growChunk(4);

        expect(fromVotes).toEqual(forest.evaluate());
      }
    }
  });

  it('reports out-of-bag accuracy as null until defined', () => {
    const forest = new GrowingForest({ ...params, trees: 40 }, data);
    const first = forest.growChunk(1);
    const rest = growAll(forest, 13);

    expect(first.oobAccuracy).toBeNull();
    expect(rest.at(-1)!.oobAccuracy).toBeGreaterThan(0.8);
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

    expect(() => chunk.train(data.trainFeatures, data.trainLabels)).toThrow(
      'input must not be empty',
    );
    expect(() => growAll(new GrowingForest(params, data), 10)).not.toThrow();
  });

  it('continues from a checkpoint to the same result', () => {
    const straight = new GrowingForest(params, data);
    const straightFinal = growAll(straight, 10).at(-1);

    const first = new GrowingForest(params, data);
    first.growChunk(10);
    // A checkpoint crosses threads by structured cloning.
    const checkpoint = structuredClone(first.toCheckpoint());
    const resumed = new GrowingForest(params, data, checkpoint);
    const resumedFinal = growAll(resumed, 10).at(-1);

    expect(resumedFinal).toEqual(straightFinal);
  });
});
