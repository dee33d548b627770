import { open, type FileHandle } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

import type { RunEvent } from '../state/events.js';
import { upgradeEvent } from './upgrade-event.js';

/** Bytes read from the log at most per poll. */
const READ_CHUNK_BYTES = 1 << 20;

export type EventLogFollowerOptions = {
  readonly file: string;
  /** Time between two looks at the file for new lines, in ms. */
  readonly intervalMs: number;
  readonly onEvent: (event: RunEvent) => void;
  /** Receives a line that is not an event; following stops there. */
  readonly onError: (error: Error) => void;
};

/**
 * Follows an events.jsonl file that another process is appending to, like
 * `tail -f`: reads what is there, then polls for new whole lines and hands
 * each event on in order. A line still being written waits for its end.
 */
export class EventLogFollower {
  private handle: FileHandle | null = null;
  private offset = 0;
  private pending = '';
  /** Keeps a character split between two reads whole. */
  private readonly decoder = new StringDecoder('utf8');
  private lineNumber = 0;
  private timer: NodeJS.Timeout | null = null;
  private isReading = false;
  private isStopped = false;
  /** Whether the last poll found no new bytes. */
  isIdle = false;

  constructor(private readonly options: EventLogFollowerOptions) {}

  async start(): Promise<void> {
    this.handle = await open(this.options.file, 'r');
    await this.poll();
    this.timer = setInterval(() => void this.poll(), this.options.intervalMs);
  }

  stop(): void {
    this.isStopped = true;
    if (this.timer) {
      clearInterval(this.timer);
    }
    void this.handle?.close();
    this.handle = null;
  }

  private async poll(): Promise<void> {
    if (this.isReading || this.isStopped || !this.handle) {
      return;
    }

    this.isReading = true;
    try {
      const buffer = Buffer.alloc(READ_CHUNK_BYTES);
      let bytesRead = 0;
      let total = 0;
      do {
        ({ bytesRead } = await this.handle.read(
          buffer,
          0,
          buffer.length,
          this.offset,
        ));
        this.offset += bytesRead;
        total += bytesRead;
        this.takeLines(this.decoder.write(buffer.subarray(0, bytesRead)));
      } while (bytesRead === buffer.length && !this.isStopped);
      this.isIdle = total === 0;
    } catch (error) {
      // A read still under way when stop() closed the file fails; that is
      // the end of following, not an error.
      if (!this.isStopped) {
        this.stop();
        this.options.onError(error as Error);
      }
    } finally {
      this.isReading = false;
    }
  }

  private takeLines(text: string): void {
    const lines = (this.pending + text).split('\n');
    this.pending = lines.pop() ?? '';

    for (const line of lines) {
      this.lineNumber += 1;
      const event = parseLine(line);
      if (!event) {
        this.stop();
        this.options.onError(
          new Error(
            `Invalid event on line ${this.lineNumber} of ${this.options.file}: ` +
              'expected one JSON event per line.',
          ),
        );

        return;
      }

      this.options.onEvent(event);
    }
  }
}

function parseLine(line: string): RunEvent | null {
  try {
    const value = JSON.parse(line) as Partial<RunEvent> | null;

    return value && typeof value.kind === 'string'
      ? upgradeEvent(value as RunEvent)
      : null;
  } catch {
    return null;
  }
}
