import { describe, expect, it } from 'vitest';

import { parseAsciicast } from '../../scripts/demo/asciicast.js';

const HEADER = JSON.stringify({ version: 2, width: 80, height: 24 });

function castText(...lines: unknown[]): string {
  return [HEADER, ...lines.map((line) => JSON.stringify(line))].join('\n');
}

describe('parseAsciicast', () => {
  it('reads the size, output and resize events', () => {
    const cast = parseAsciicast(
      castText([0.5, 'o', 'hello'], [1.25, 'r', '100x30']),
    );

    expect(cast.columns).toBe(80);
    expect(cast.rows).toBe(24);
    expect(cast.events).toEqual([
      { kind: 'output', timeMs: 500, data: 'hello' },
      { kind: 'resize', timeMs: 1250, columns: 100, rows: 30 },
    ]);
  });

  it('skips input and marker events', () => {
    const cast = parseAsciicast(
      castText([0, 'i', 'q'], [0.1, 'm', 'chapter'], [0.2, 'o', 'x']),
    );

    expect(cast.events).toEqual([{ kind: 'output', timeMs: 200, data: 'x' }]);
  });

  it('rejects a version other than 2', () => {
    const text = JSON.stringify({ version: 3, term: { cols: 80, rows: 24 } });

    expect(() => parseAsciicast(text)).toThrow(/version 3 is not supported/);
  });

  it('names the line of a malformed event', () => {
    const text = `${castText([0, 'o', 'a'])}\n[0.1, "o"]`;

    expect(() => parseAsciicast(text)).toThrow(/line 3: an event must be/);
  });

  it('rejects a resize without a size', () => {
    expect(() => parseAsciicast(castText([0, 'r', '0x24']))).toThrow(
      /resize "0x24"/,
    );
  });

  it('rejects times that go back', () => {
    const text = castText([1, 'o', 'a'], [0.5, 'o', 'b']);

    expect(() => parseAsciicast(text)).toThrow(/line 3: its time is earlier/);
  });

  it('rejects an empty file', () => {
    expect(() => parseAsciicast('\n')).toThrow(/the file is empty/);
  });
});
