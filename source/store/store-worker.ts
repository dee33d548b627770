// Worker thread that writes a run's events to events.jsonl and run.db, so
// encoding and SQLite inserts never take time from the thread that draws.
import { parentPort } from 'node:worker_threads';

import { EventBus } from '../state/event-bus.js';
import { EventLogWriter } from './event-log.js';
import { RunDatabaseWriter } from './run-database.js';
import type { StoreRequest, StoreResponse } from './store-messages.js';

const bus = new EventBus();
let eventLog: EventLogWriter | null = null;
let database: RunDatabaseWriter | null = null;
let databaseError: Error | null = null;

parentPort?.on('message', (request: StoreRequest) => {
  switch (request.type) {
    case 'open':
      eventLog = new EventLogWriter(bus, request.eventsFile);
      try {
        database = new RunDatabaseWriter(
          bus,
          request.databaseFile,
          request.runId,
        );
      } catch (error) {
        databaseError = error as Error;
      }
      break;
    case 'events':
      for (const event of request.events) {
        bus.emit(event);
      }
      break;
    case 'close':
      void close();
      break;
  }
});

async function close(): Promise<void> {
  database?.close();
  await eventLog?.close();
  const response: StoreResponse = {
    type: 'closed',
    eventsError: eventLog?.error?.message ?? null,
    databaseError: (database?.error ?? databaseError)?.message ?? null,
  };
  parentPort?.postMessage(response);
}
