import { readFileSync } from 'node:fs';

import xterm from '@xterm/headless';
import { expect } from 'vitest';

/** The header fields of an asciicast v2 file that the tests read. */
export type CastHeader = {
  readonly version: number;
  readonly width: number;
  readonly height: number;
  readonly timestamp?: number;
  readonly title?: string;
  readonly env?: Record<string, string>;
};

/** One event line: seconds since the start, the code and its data. */
export type CastEvent = readonly [number, string, string];

export type Cast = {
  readonly header: CastHeader;
  readonly events: readonly CastEvent[];
};

/**
 * Reads a cast file line by line and checks it is asciicast v2: a header
 * object with version 2 and a size, then only complete `[time, code, data]`
 * lines whose times never go back.
 */
export function readCast(file: string): Cast {
  const text = readFileSync(file, 'utf8');
  expect(text.endsWith('\n'), 'the file ends with a whole line').toBe(true);

  const [headerLine, ...eventLines] = text.slice(0, -1).split('\n');
  const header = JSON.parse(headerLine!) as CastHeader;
  expect(header.version).toBe(2);
  expect(Number.isInteger(header.width)).toBe(true);
  expect(Number.isInteger(header.height)).toBe(true);

  const events = eventLines.map((line, index) => {
    const event = JSON.parse(line) as unknown;
    expect(Array.isArray(event), `line ${index + 2} is an array`).toBe(true);
    const [time, code, data] = event as unknown[];
    expect(typeof time, `time on line ${index + 2}`).toBe('number');
    expect(['o', 'r'], `code on line ${index + 2}`).toContain(code);
    expect(typeof data, `data on line ${index + 2}`).toBe('string');

    return event as CastEvent;
  });
  for (let index = 1; index < events.length; index++) {
    expect(events[index]![0]).toBeGreaterThanOrEqual(events[index - 1]![0]);
  }

  return { header, events };
}

/**
 * Plays a cast's output and resize events into a headless terminal of the
 * header's size, and returns the screen's lines with trailing spaces and
 * trailing empty lines removed, as `tmux capture-pane -p` prints them.
 */
export async function replayScreen(cast: Cast): Promise<string[]> {
  const terminal = new xterm.Terminal({
    cols: cast.header.width,
    rows: cast.header.height,
    allowProposedApi: true,
    scrollback: 0,
  });
  try {
    for (const [, code, data] of cast.events) {
      if (code === 'r') {
        const [columns, rows] = data.split('x').map(Number);
        terminal.resize(columns!, rows!);
      } else {
        await new Promise<void>((resolve) => terminal.write(data, resolve));
      }
    }

    const buffer = terminal.buffer.active;
    const lines = Array.from({ length: terminal.rows }, (_, row) =>
      (buffer.getLine(row)?.translateToString(true) ?? '').trimEnd(),
    );

    return trimScreen(lines);
  } finally {
    terminal.dispose();
  }
}

/** Drops trailing spaces of each line and the empty lines at the end. */
export function trimScreen(lines: readonly string[]): string[] {
  const trimmed = lines.map((line) => line.trimEnd());
  while (trimmed.length > 0 && trimmed.at(-1) === '') {
    trimmed.pop();
  }

  return trimmed;
}
