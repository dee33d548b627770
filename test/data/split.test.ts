import { describe, expect, it } from 'vitest';

import { loadIris } from '../../source/data/iris.js';
import { splitStratified } from '../../source/data/split.js';

function countByClass(labels: readonly number[]): number[] {
  const counts = [0, 0, 0];
  for (const label of labels) {
    counts[label]! += 1;
  }

  return counts;
}

describe('splitStratified', () => {
  const iris = loadIris();

  it('keeps each class share in both sets', () => {
    const split = splitStratified(iris, 0.2, 1);

    expect(split.trainLabels).toHaveLength(120);
    expect(split.testLabels).toHaveLength(30);
    expect(countByClass(split.trainLabels)).toEqual([40, 40, 40]);
    expect(countByClass(split.testLabels)).toEqual([10, 10, 10]);
  });

  it('gives the same split for the same seed', () => {
    expect(splitStratified(iris, 0.2, 7)).toEqual(
      splitStratified(iris, 0.2, 7),
    );
  });

  it('gives another split for another seed', () => {
    const first = splitStratified(iris, 0.2, 1);
    const second = splitStratified(iris, 0.2, 2);

    expect(second.testFeatures).not.toEqual(first.testFeatures);
  });

  it('puts every row in exactly one set', () => {
    const split = splitStratified(iris, 0.2, 3);
    const rows = [...split.trainFeatures, ...split.testFeatures].map((row) =>
      row.join(','),
    );
    const expected = iris.features.map((row) => row.join(','));

    expect(rows.sort()).toEqual([...expected].sort());
  });
});
