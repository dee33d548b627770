import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { RunEvent } from '../../source/state/events.js';
import { EventLogFollower } from '../../source/store/event-log-follower.js';

const paused = (at: number): RunEvent => ({ kind: 'run-paused', at });
const line = (event: RunEvent) => `${JSON.stringify(event)}\n`;

let follower: EventLogFollower | null = null;

afterEach(() => {
  follower?.stop();
  follower = null;
});

async function waitFor(condition: () => boolean) {
  const deadline = Date.now() + 2_000;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('Condition not met within 2 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function follow(file: string) {
  const events: RunEvent[] = [];
  const errors: Error[] = [];
  follower = new EventLogFollower({
    file,
    intervalMs: 10,
    onEvent: (event) => events.push(event),
    onError: (error) => errors.push(error),
  });

  return { events, errors, started: follower.start() };
}

describe('EventLogFollower', () => {
  it('reads what is there, then lines as they are appended', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tt-')), 'e');
    writeFileSync(file, line(paused(1)));
    const { events, started } = follow(file);
    await started;
    expect(events).toEqual([paused(1)]);

    appendFileSync(file, line(paused(2)) + line(paused(3)));
    await waitFor(() => events.length === 3);
    expect(events.map((event) => event.at)).toEqual([1, 2, 3]);
  });

  it('waits for the end of a line still being written', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tt-')), 'e');
    const text = line(paused(1));
    writeFileSync(file, text.slice(0, 10));
    const { events, started } = follow(file);
    await started;
    expect(events).toEqual([]);

    appendFileSync(file, text.slice(10));
    await waitFor(() => events.length === 1);
    expect(events).toEqual([paused(1)]);
  });

  it('stops at a line that is not an event', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tt-')), 'e');
    writeFileSync(file, `${line(paused(1))}oops\n${line(paused(2))}`);
    const { events, errors, started } = follow(file);
    await started;

    expect(events).toEqual([paused(1)]);
    expect(errors[0]?.message).toContain('line 2');
  });
});
