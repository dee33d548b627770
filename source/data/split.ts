import { MersenneTwister19937, shuffle } from 'random-js';

import type { Dataset, SplitData } from './dataset.js';

/**
 * Splits rows into train and test sets so that each class keeps its share
 * in both. The same seed gives the same split.
 */
export function splitStratified(
  dataset: Dataset,
  testFraction: number,
  seed: number,
): SplitData {
  const engine = MersenneTwister19937.seed(seed);
  const trainRows: number[] = [];
  const testRows: number[] = [];

  for (const rows of rowsByClass(dataset.labels)) {
    shuffle(engine, rows);
    const testCount = Math.round(rows.length * testFraction);
    testRows.push(...rows.slice(0, testCount));
    trainRows.push(...rows.slice(testCount));
  }

  // Classes would otherwise sit in blocks, and bagging reads rows in order.
  shuffle(engine, trainRows);
  shuffle(engine, testRows);

  return {
    trainFeatures: trainRows.map((row) => [...dataset.features[row]!]),
    trainLabels: trainRows.map((row) => dataset.labels[row]!),
    testFeatures: testRows.map((row) => [...dataset.features[row]!]),
    testLabels: testRows.map((row) => dataset.labels[row]!),
  };
}

function rowsByClass(labels: readonly number[]): number[][] {
  const groups = new Map<number, number[]>();
  labels.forEach((label, row) => {
    const group = groups.get(label) ?? [];
    group.push(row);
    groups.set(label, group);
  });

  return [...groups.keys()]
    .sort((a, b) => a - b)
    .map((label) => groups.get(label)!);
}
