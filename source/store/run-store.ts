import { Worker } from 'node:worker_threads';

import { resolveWorkerFile } from '../runner/task-file.js';
import type { EventBus } from '../state/event-bus.js';
import type { RunEvent } from '../state/events.js';
import type { RunDirectory } from './run-directory.js';
import type { StoreRequest, StoreResponse } from './store-messages.js';

/** How often the main thread hands queued events to the store, in ms. */
const HAND_OFF_INTERVAL_MS = 100;

/** The write error of each of a run's files, or null when it was written. */
export type StoreErrors = {
  readonly eventsError: string | null;
  readonly databaseError: string | null;
};

/**
 * Keeps a run: every event goes to events.jsonl and run.db, written by a
 * worker thread of its own. The main thread only queues events and hands
 * them over in batches, so a store never slows the monitor's frames.
 */
export class RunStore {
  private readonly worker: Worker;
  private queue: RunEvent[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  /** `runId` names a resumed run; a new one takes it from run-started. */
  constructor(bus: EventBus, folder: RunDirectory, runId = '') {
    this.worker = new Worker(resolveWorkerFile('store/store-worker.js'));
    this.post({
      type: 'open',
      eventsFile: folder.eventsFile,
      databaseFile: folder.databaseFile,
      runId,
    });
    this.unsubscribe = bus.subscribe((event) => {
      this.queue.push(event);
      if (event.kind === 'run-finished') {
        this.handOff();
      }
    });
    this.timer = setInterval(() => this.handOff(), HAND_OFF_INTERVAL_MS);
    this.timer.unref();
  }

  /** Writes everything still queued and closes both files. */
  async close(): Promise<StoreErrors> {
    this.unsubscribe();
    clearInterval(this.timer);
    this.handOff();

    const closed = new Promise<StoreErrors>((resolve, reject) => {
      this.worker.once('message', (response: StoreResponse) => {
        resolve({
          eventsError: response.eventsError,
          databaseError: response.databaseError,
        });
      });
      this.worker.once('error', reject);
    });
    this.post({ type: 'close' });
    const errors = await closed;
    await this.worker.terminate();

    return errors;
  }

  private handOff(): void {
    if (this.queue.length === 0) {
      return;
    }

    this.post({ type: 'events', events: this.queue });
    this.queue = [];
  }

  private post(request: StoreRequest): void {
    this.worker.postMessage(request);
  }
}
