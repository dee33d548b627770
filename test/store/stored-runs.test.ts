import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import type { RunEvent } from '../../source/state/events.js';
import { listStoredRuns } from '../../source/store/stored-runs.js';

const spec = {
  id: 't1',
  index: 0,
  params: { trees: 20, maxFeatures: 2, maxDepth: 3, seed: 1 },
  chunkSize: 10,
};

function started(runId: string): RunEvent {
  return {
    kind: 'run-started',
    at: Date.UTC(2026, 11, 4, 12),
    runId,
    job: 'iris random forest',
    trials: [spec],
    poolSize: 1,
    maxPoolSize: 4,
  };
}

function storeRun(outDir: string, runId: string, text: string): void {
  mkdirSync(path.join(outDir, runId));
  writeFileSync(path.join(outDir, runId, 'events.jsonl'), text);
}

const lines = (events: readonly RunEvent[]) =>
  events.map((event) => `${JSON.stringify(event)}\n`).join('');

describe('listStoredRuns', () => {
  it('tells finished, live and ended runs apart', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'traintop-runs-'));
    const done = 'r1-999999999';
    const live = `r2-${process.pid}`;
    const ended = 'r3-999999999';
    storeRun(
      out,
      done,
      lines([
        started(done),
        { kind: 'run-finished', at: Date.now(), reason: 'completed' },
      ]),
    );
    storeRun(out, live, lines([started(live)]));
    storeRun(out, ended, `${lines([started(ended)])}{"kind":"trial-`);
    mkdirSync(path.join(out, 'not-a-run'));

    const runs = await listStoredRuns(out);

    expect(runs.map((run) => [run.id, run.status])).toEqual([
      [done, 'completed'],
      [live, 'running'],
      [ended, 'ended'],
    ]);
    expect(runs[2]!.truncatedLine).toBe(2);
    expect(runs[0]!.state.trialIds).toEqual(['t1']);
  });

  it('lists nothing for a folder that does not exist', async () => {
    expect(await listStoredRuns('/nonexistent/traintop-runs')).toEqual([]);
  });
});
