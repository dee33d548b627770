import { createWriteStream, type WriteStream } from 'node:fs';

import type { EventBus } from '../state/event-bus.js';
import type { RunEvent } from '../state/events.js';

/** How often queued events are appended to the log, in ms. */
const FLUSH_INTERVAL_MS = 200;

/** Queued events that trigger a write before the interval ends. */
const MAX_QUEUED_EVENTS = 1_000;

/**
 * Appends every event of a run to an events.jsonl file, one JSON object per
 * line, in order. Events are queued and written in batches on a timer.
 * Batches are whole lines appended in order, so a crash cuts at most the
 * last line short.
 */
export class EventLogWriter {
  private readonly stream: WriteStream;
  private queue: string[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private failure: Error | null = null;

  constructor(bus: EventBus, file: string) {
    this.stream = createWriteStream(file, { flags: 'a' });
    this.stream.on('error', (error) => {
      this.failure ??= error;
    });
    this.unsubscribe = bus.subscribe((event) => this.append(event));
    this.timer = setInterval(() => this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  /** The error that stopped the log, such as a full disk, or null. */
  get error(): Error | null {
    return this.failure;
  }

  /** Writes what is queued, stops listening and closes the file. */
  async close(): Promise<void> {
    this.unsubscribe();
    clearInterval(this.timer);
    this.flush();
    await new Promise<void>((resolve) => this.stream.end(resolve));
  }

  private append(event: RunEvent): void {
    this.queue.push(`${JSON.stringify(event)}\n`);
    if (
      this.queue.length >= MAX_QUEUED_EVENTS ||
      event.kind === 'run-finished'
    ) {
      this.flush();
    }
  }

  private flush(): void {
    if (this.queue.length === 0 || this.failure) {
      return;
    }

    this.stream.write(this.queue.join(''));
    this.queue = [];
  }
}
