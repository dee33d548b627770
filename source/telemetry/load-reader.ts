import { Worker } from 'node:worker_threads';

import { resolveWorkerFile } from '../runner/task-file.js';
import type { LoadRequest, LoadResponse } from './load-messages.js';

/**
 * Reads CPU load in a worker thread of its own, so that the blocking parts
 * of systeminformation never hold up the thread that draws the monitor.
 */
export class LoadReader {
  private readonly worker: Worker;
  private readonly pending = new Map<number, (r: LoadResponse) => void>();
  private nextId = 0;
  private failure: Error | null = null;

  constructor() {
    this.worker = new Worker(resolveWorkerFile('telemetry/load-worker.js'));
    this.worker.unref();
    this.worker.on('message', (response: LoadResponse) => {
      this.pending.get(response.id)?.(response);
      this.pending.delete(response.id);
    });
    this.worker.on('error', (error) => this.failAll(error));
  }

  /** Takes one reading; never rejects, and fails once the thread died. */
  read(): Promise<LoadResponse> {
    const request: LoadRequest = { id: this.nextId++ };
    if (this.failure) {
      return Promise.resolve(failedResponse(request.id, this.failure));
    }

    return new Promise((resolve) => {
      this.pending.set(request.id, resolve);
      this.worker.postMessage(request);
    });
  }

  close(): void {
    void this.worker.terminate();
  }

  /** Resolves every waiting read with the error, so none hangs. */
  private failAll(error: Error): void {
    this.failure = error;
    for (const [id, resolve] of this.pending) {
      resolve(failedResponse(id, error));
    }
    this.pending.clear();
  }
}

function failedResponse(id: number, error: Error): LoadResponse {
  return { id, ok: false, error: `load reader failed: ${error.message}` };
}
