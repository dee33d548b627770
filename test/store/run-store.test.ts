import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { EventBus } from '../../source/state/event-bus.js';
import type { RunEvent } from '../../source/state/events.js';
import { readEventLog } from '../../source/store/event-log-reader.js';
import { createRunDirectory } from '../../source/store/run-directory.js';
import { RunStore } from '../../source/store/run-store.js';

const events: RunEvent[] = [
  {
    kind: 'run-started',
    at: 1_000,
    runId: 'run-1',
    job: 'iris random forest',
    trials: [
      {
        id: 't1',
        index: 0,
        params: { trees: 20, maxFeatures: 2, maxDepth: 3, seed: 1 },
        chunkSize: 10,
      },
    ],
    poolSize: 1,
    maxPoolSize: 2,
  },
  { kind: 'pool-resized', at: 1_100, poolSize: 2 },
  { kind: 'run-finished', at: 1_200, reason: 'completed' },
];

describe('RunStore', () => {
  it('writes events to the log and the database from its thread', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'traintop-store-'));
    const folder = createRunDirectory(out, 'run-1');
    const bus = new EventBus();
    const store = new RunStore(bus, folder);

    for (const event of events) {
      bus.emit(event);
    }
    const errors = await store.close();

    expect(errors).toEqual({ eventsError: null, databaseError: null });
    expect((await readEventLog(folder.eventsFile)).events).toEqual(events);
    const database = new Database(folder.databaseFile, { readonly: true });
    expect(database.prepare('SELECT finish_reason FROM runs').get()).toEqual({
      finish_reason: 'completed',
    });
    database.close();
  });
});
