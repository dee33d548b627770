import { describe, expect, it } from 'vitest';

import { loadIris } from '../../source/data/iris.js';
import { TrialForests } from '../../source/train/trial-forests.js';
import { linearDataset, trialData } from './fold-data.js';

const params = { trees: 30, maxFeatures: 2, maxDepth: 3, seed: 4 };
const iris = loadIris();

function grow(forests: TrialForests, chunkSize = 10) {
  const curve = [];
  while (!forests.isComplete) {
    curve.push(forests.growChunk(chunkSize));
  }

  return curve;
}

describe('TrialForests', () => {
  it('grows one forest per fold in step and averages their scores', () => {
    const forests = new TrialForests(
      trialData(iris, { kind: 'cv', folds: 5 }),
      params,
    );
    const curve = grow(forests, 7);
    const outcome = forests.evaluate();

    expect(curve).toHaveLength(5);
    expect(forests.treesDone).toBe(30);
    expect(outcome.foldTestScores).toHaveLength(5);
    const mean = outcome.foldTestScores.reduce((a, b) => a + b) / 5;
    expect(outcome.scores.testScore).toBeCloseTo(mean, 12);
    expect(curve.at(-1)).toEqual(outcome.scores);
    expect(forests.toCheckpoint().folds).toHaveLength(5);
  });

  it('counts every row once in the cross-validated confusion matrix', () => {
    const forests = new TrialForests(
      trialData(iris, { kind: 'cv', folds: 3 }),
      params,
    );
    grow(forests);
    const { metrics, scores } = forests.evaluate();
    if (metrics.task !== 'classification') {
      throw new Error('expected classification metrics');
    }

    const rowTotals = metrics.confusion.map((row) =>
      row.reduce((a, b) => a + b),
    );
    expect(rowTotals).toEqual([50, 50, 50]);
    const correct = metrics.confusion.reduce(
      (total, row, label) => total + row[label]!,
      0,
    );
    expect(correct / 150).toBeCloseTo(scores.testScore, 1);
    expect(metrics.macroF1).toBeGreaterThan(0.85);
    expect(metrics.macroF1).toBeLessThanOrEqual(1);
  });

  it('reports RMSE and R² for regression', () => {
    const forests = new TrialForests(trialData(linearDataset()), {
      trees: 30,
      maxFeatures: 3,
      maxDepth: 6,
      seed: 2,
    });
    grow(forests);
    const { metrics, scores, foldTestScores } = forests.evaluate();
    if (metrics.task !== 'regression') {
      throw new Error('expected regression metrics');
    }

    expect(scores.testScore).toBeGreaterThan(0.8);
    expect(foldTestScores).toEqual([scores.testScore]);
    expect(metrics.testRmse).toBeGreaterThan(0);
    // The targets spread over about ±30, so a good fit is off by a few.
    expect(metrics.testRmse).toBeLessThan(6);
    expect(metrics.trainRmse).toBeLessThan(metrics.testRmse);
  });

  it('continues from a checkpoint to the same result', () => {
    const data = trialData(iris, { kind: 'cv', folds: 3 });
    const straight = new TrialForests(data, params);
    grow(straight);

    const first = new TrialForests(data, params);
    first.growChunk(10);
    const checkpoint = structuredClone(first.toCheckpoint());
    const resumed = new TrialForests(data, params, checkpoint);
    grow(resumed);

    expect(resumed.evaluate()).toEqual(straight.evaluate());
  });
});
