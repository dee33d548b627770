import { availableParallelism } from 'node:os';

import { DEFAULT_HALVING } from '../source/plan/halving.js';
import { planGrid, type GridOptions } from '../source/plan/grid.js';
import { LocalRunner } from '../source/runner/local-runner.js';
import { EventBus } from '../source/state/event-bus.js';
import type { EventOf, RunEvent } from '../source/state/events.js';
import type { Comparison } from './comparison.js';
import { irisTable, JOB_NAME } from './sweep.js';

/** Halving should train at most this share of the grid's trees. */
const TARGET_TREE_SHARE = 0.4;

/** Halving's best test score may trail the grid's by at most this much. */
const SCORE_TOLERANCE = 0.01;

/**
 * The default sweep of the CLI: 144 trials of 150 to 1,350 trees, the
 * search space a user would hand to a halving search.
 */
const SEARCH_GRID: GridOptions = {
  trees: [150, 450, 1350],
  maxFeatures: [1, 2, 3, 4],
  maxDepth: [1, 2, 3, 4],
  seeds: 3,
  seed: 1,
  chunkSize: 10,
};

const silent = { info() {}, warn() {}, error() {} };

type SearchResult = {
  readonly bestTestScore: number;
  readonly trees: number;
  readonly finished: number;
  readonly pruned: number;
};

let searches: Promise<{ grid: SearchResult; halving: SearchResult }> | null =
  null;

/** Runs the full grid and the halving search once, for both comparisons. */
function runSearches() {
  searches ??= (async () => ({
    grid: await runSearch(false),
    halving: await runSearch(true),
  }))();

  return searches;
}

/** Trees halving trains over the trees of the full grid. */
export async function measureHalvingTrees(): Promise<Comparison> {
  const { grid, halving } = await runSearches();

  return {
    metric: 'trees trained, halving vs grid',
    a: { label: 'halving', value: halving.trees, unit: 'trees' },
    b: { label: 'full grid', value: grid.trees, unit: 'trees' },
    target: { bound: 'at-most', ratio: TARGET_TREE_SHARE },
    details: describe(grid, halving),
  };
}

/**
 * Halving's best test score over the grid's best less the tolerance, so
 * the ratio is at least 1 exactly when halving comes within it.
 */
export async function measureHalvingScore(): Promise<Comparison> {
  const { grid, halving } = await runSearches();

  return {
    metric: 'best test accuracy, halving vs grid',
    a: { label: 'halving', value: halving.bestTestScore, unit: 'acc' },
    b: {
      label: `grid ${grid.bestTestScore.toFixed(3)} - ${SCORE_TOLERANCE}`,
      value: grid.bestTestScore - SCORE_TOLERANCE,
      unit: 'acc',
    },
    target: { bound: 'at-least', ratio: 1 },
    details: describe(grid, halving),
  };
}

function describe(grid: SearchResult, halving: SearchResult): string[] {
  const format = (name: string, result: SearchResult) =>
    `${name}: best test accuracy ${result.bestTestScore.toFixed(4)}, ` +
    `${result.trees.toLocaleString('en-US')} trees, ` +
    `${result.finished} trials finished, ${result.pruned} pruned`;

  return [
    `${planGrid(SEARCH_GRID).length} trials of the default sweep on ` +
      `${availableParallelism()} workers`,
    format('full grid', grid),
    format('halving', halving),
  ];
}

async function runSearch(isHalving: boolean): Promise<SearchResult> {
  const bus = new EventBus();
  const events: RunEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const trials = planGrid(SEARCH_GRID);
  const runner = new LocalRunner({
    bus,
    runId: isHalving ? 'bench-halving' : 'bench-grid',
    job: JOB_NAME,
    trials,
    data: { kind: 'shared', table: irisTable(SEARCH_GRID.seed) },
    poolSize: availableParallelism(),
    maxPoolSize: availableParallelism(),
    retries: 0,
    logger: silent,
    ...(isHalving ? { halving: DEFAULT_HALVING } : {}),
  });
  if ((await runner.run()) !== 'completed') {
    throw new Error('A search benchmark run did not complete.');
  }

  const finished = events.filter(
    (event): event is EventOf<'trial-finished'> =>
      event.kind === 'trial-finished',
  );
  const pruned = events.filter(
    (event): event is EventOf<'trial-pruned'> => event.kind === 'trial-pruned',
  );
  if (finished.length + pruned.length !== trials.length) {
    throw new Error(
      `A search benchmark ended ${finished.length + pruned.length} of ` +
        `${trials.length} trials.`,
    );
  }

  return {
    bestTestScore: Math.max(...finished.map((event) => event.testScore)),
    trees:
      finished.reduce((total, event) => total + event.trees, 0) +
      pruned.reduce((total, event) => total + event.treesDone, 0),
    finished: finished.length,
    pruned: pruned.length,
  };
}
