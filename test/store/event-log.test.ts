import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { EventBus } from '../../source/state/event-bus.js';
import type { RunEvent } from '../../source/state/events.js';
import { reduceRunEvents } from '../../source/state/reducer.js';
import { createRunState } from '../../source/state/run-state.js';
import {
  EventLogError,
  readEventLog,
} from '../../source/store/event-log-reader.js';
import { EventLogWriter } from '../../source/store/event-log.js';

const spec = {
  id: 't1',
  index: 0,
  params: { trees: 20, maxFeatures: 2, maxDepth: 3, seed: 1 },
  chunkSize: 10,
};

const events: RunEvent[] = [
  {
    kind: 'run-started',
    at: 1_000,
    runId: 'run-1',
    job: 'iris random forest',
    trials: [spec],
    poolSize: 1,
    maxPoolSize: 4,
  },
  {
    kind: 'trial-started',
    at: 1_010,
    trialId: 't1',
    workerId: 1,
    attempt: 1,
    treesDone: 0,
  },
  {
    kind: 'trial-finished',
    at: 1_500,
    trialId: 't1',
    workerId: 1,
    trees: 20,
    elapsedMs: 490,
    trainScore: 0.975,
    testScore: 0.967,
    oobScore: null,
    foldTestScores: [0.967],
  },
  { kind: 'run-finished', at: 1_600, reason: 'completed' },
];

function temporaryFile(name: string): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'traintop-log-')), name);
}

describe('EventLogWriter', () => {
  it('writes every event in order, one per line', async () => {
    const file = temporaryFile('events.jsonl');
    const bus = new EventBus();
    const writer = new EventLogWriter(bus, file);

    for (const event of events) {
      bus.emit(event);
    }
    await writer.close();

    const log = await readEventLog(file);
    expect(log.events).toEqual(events);
    expect(log.truncatedLine).toBeNull();
    expect(writer.error).toBeNull();
  });

  it('folds to the same state as the live events', async () => {
    const file = temporaryFile('events.jsonl');
    const bus = new EventBus();
    const writer = new EventLogWriter(bus, file);
    let live = createRunState();
    bus.subscribe((event) => {
      live = reduceRunEvents(live, [event]);
    });

    for (const event of events) {
      bus.emit(event);
    }
    await writer.close();

    const { events: stored } = await readEventLog(file);
    expect(reduceRunEvents(createRunState(), stored)).toEqual(live);
  });
});

describe('readEventLog', () => {
  it('keeps the events before a line cut short', async () => {
    const file = temporaryFile('events.jsonl');
    const lines = events.slice(0, 2).map((event) => JSON.stringify(event));
    writeFileSync(file, `${lines.join('\n')}\n`);
    appendFileSync(file, '{"kind":"trial-progress","at":1');

    const log = await readEventLog(file);

    expect(log.events).toEqual(events.slice(0, 2));
    expect(log.truncatedLine).toBe(3);
  });

  it('rejects a bad line in the middle', async () => {
    const file = temporaryFile('events.jsonl');
    writeFileSync(file, `${JSON.stringify(events[0])}\nnot json\n`);

    await expect(readEventLog(file)).rejects.toThrow(EventLogError);
    await expect(readEventLog(file)).rejects.toThrow('line 2');
  });

  it('reads an empty log as no events', async () => {
    const file = temporaryFile('events.jsonl');
    writeFileSync(file, '');

    expect(await readEventLog(file)).toEqual({
      events: [],
      truncatedLine: null,
    });
  });
});
