import { readFile } from 'node:fs/promises';

import type { RunEvent } from '../state/events.js';
import { upgradeEvent } from './upgrade-event.js';

/** The events of a log, and whether its last line was cut short. */
export type EventLog = {
  readonly events: readonly RunEvent[];
  /**
   * Line number (from 1) of a last line that was cut short, as by a crash
   * in the middle of a write, or null when the log ends cleanly.
   */
  readonly truncatedLine: number | null;
};

/** A log line that is not an event, other than a cut-short last line. */
export class EventLogError extends Error {}

/**
 * Reads an events.jsonl file. A last line that does not parse and has no
 * line end is a write cut short by a crash: everything before it is
 * returned and the line is reported. Any other bad line is an error naming
 * the file and the line.
 */
export async function readEventLog(file: string): Promise<EventLog> {
  const text = await readFile(file, 'utf8');
  const lines = text.split('\n');
  const isCleanEnd = lines.at(-1) === '';
  if (isCleanEnd) {
    lines.pop();
  }

  const events: RunEvent[] = [];
  for (const [index, line] of lines.entries()) {
    const event = parseEvent(line);
    if (event) {
      events.push(event);
      continue;
    }

    const isLast = index === lines.length - 1;
    if (isLast && !isCleanEnd) {
      return { events, truncatedLine: index + 1 };
    }

    throw new EventLogError(
      `Invalid event on line ${index + 1} of ${file}: expected one JSON ` +
        'event per line.',
    );
  }

  return { events, truncatedLine: null };
}

function parseEvent(line: string): RunEvent | null {
  try {
    const value: unknown = JSON.parse(line);
    const isEvent =
      typeof value === 'object' &&
      value !== null &&
      typeof (value as { kind?: unknown }).kind === 'string' &&
      typeof (value as { at?: unknown }).at === 'number';

    return isEvent ? upgradeEvent(value as RunEvent) : null;
  } catch {
    return null;
  }
}
