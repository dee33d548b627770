import { describe, expect, it } from 'vitest';

import { loadIris } from '../../source/data/iris.js';
import { splitRows, type Fold } from '../../source/data/split.js';
import { linearDataset } from '../train/fold-data.js';

const iris = loadIris();
const holdout = { kind: 'holdout', testFraction: 0.2 } as const;

function countByClass(rows: Int32Array): number[] {
  const counts = [0, 0, 0];
  for (const row of rows) {
    counts[iris.targets[row]!]! += 1;
  }

  return counts;
}

function sorted(rows: Iterable<number>): number[] {
  return [...rows].sort((a, b) => a - b);
}

const allRows = (count: number) =>
  Array.from({ length: count }, (_, row) => row);

describe('splitRows', () => {
  it('keeps each class share in both parts of a held-out split', () => {
    const [fold] = splitRows(iris, holdout, 1);

    expect(fold!.train).toHaveLength(120);
    expect(fold!.test).toHaveLength(30);
    expect(countByClass(fold!.train)).toEqual([40, 40, 40]);
    expect(countByClass(fold!.test)).toEqual([10, 10, 10]);
    expect(sorted([...fold!.train, ...fold!.test])).toEqual(allRows(150));
  });

  it('gives the same split for the same seed and another for another', () => {
    expect(splitRows(iris, holdout, 7)).toEqual(splitRows(iris, holdout, 7));
    expect(splitRows(iris, holdout, 8)[0]!.test).not.toEqual(
      splitRows(iris, holdout, 7)[0]!.test,
    );
  });

  it('tests every row exactly once across k folds', () => {
    const folds = splitRows(iris, { kind: 'cv', folds: 4 }, 3);

    expect(folds).toHaveLength(4);
    expect(sorted(folds.flatMap((fold) => [...fold.test]))).toEqual(
      allRows(150),
    );
    for (const fold of folds) {
      expect([37, 38]).toContain(fold.test.length);
      expect(fold.train.length + fold.test.length).toBe(150);
      const train = new Set(fold.train);
      expect([...fold.test].some((row) => train.has(row))).toBe(false);
    }
  });

  it('stratifies the folds by class', () => {
    const folds = splitRows(iris, { kind: 'cv', folds: 5 }, 2);

    for (const fold of folds) {
      expect(countByClass(fold.test)).toEqual([10, 10, 10]);
    }
  });

  it('spreads regression targets evenly over the folds', () => {
    const dataset = linearDataset(200);
    const folds = splitRows(dataset, { kind: 'cv', folds: 4 }, 1);
    const meanTarget = (fold: Fold) =>
      [...fold.test].reduce((sum, row) => sum + dataset.targets[row]!, 0) /
      fold.test.length;
    const means = folds.map(meanTarget);

    expect(Math.max(...means) - Math.min(...means)).toBeLessThan(1.5);
    expect(sorted(folds.flatMap((fold) => [...fold.test]))).toEqual(
      allRows(200),
    );
  });
});
