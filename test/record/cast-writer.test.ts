import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { CastWriter, sessionEnv } from '../../source/record/cast-writer.js';
import { readCast, replayScreen } from './cast-file.js';

function castPath(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'traintop-cast-'));

  return path.join(folder, 'session.cast');
}

/** A clock that returns the given readings in ms, then the last one. */
function clockOf(...readingsMs: number[]) {
  let index = 0;

  return () => readingsMs[Math.min(index++, readingsMs.length - 1)]!;
}

describe('CastWriter', () => {
  it('writes the header on open', () => {
    const file = castPath();
    const writer = new CastWriter(file, {
      width: 80,
      height: 24,
      title: 'traintop run r1',
      env: { TERM: 'xterm-256color' },
    });
    writer.close();

    const { header, events } = readCast(file);
    expect(header).toMatchObject({
      version: 2,
      width: 80,
      height: 24,
      title: 'traintop run r1',
      env: { TERM: 'xterm-256color' },
    });
    expect(Math.abs(header.timestamp! - Date.now() / 1000)).toBeLessThan(5);
    expect(events).toEqual([]);
  });

  it('times events in seconds since the header', () => {
    const file = castPath();
    const writer = new CastWriter(
      file,
      { width: 80, height: 24 },
      clockOf(1000, 1250.5, 3000),
    );
    writer.writeOutput('\u001b[1;1Hhello');
    writer.writeResize(100, 30);
    writer.close();

    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines[1]).toBe('[0.250500, "o", "\\u001b[1;1Hhello"]');
    expect(lines[2]).toBe('[2.000000, "r", "100x30"]');
  });

  it('never lets time go back', () => {
    const file = castPath();
    const writer = new CastWriter(
      file,
      { width: 80, height: 24 },
      clockOf(0, 500, 400, 900),
    );
    writer.writeOutput('a');
    writer.writeOutput('b');
    writer.writeOutput('c');
    writer.close();

    const times = readCast(file).events.map(([time]) => time);
    expect(times).toEqual([0.5, 0.5, 0.9]);
  });

  it('keeps text that JSON must escape', async () => {
    const file = castPath();
    const writer = new CastWriter(file, { width: 20, height: 2 });
    const text = 'a "quoted" \\ line\r\n\u001b[31mé ✓ █\u001b[0m';
    writer.writeOutput(text);
    writer.close();

    const cast = readCast(file);
    expect(cast.events[0]![2]).toBe(text);
    expect(await replayScreen(cast)).toEqual(['a "quoted" \\ line', 'é ✓ █']);
  });

  it('skips empty output', () => {
    const file = castPath();
    const writer = new CastWriter(file, { width: 80, height: 24 });
    writer.writeOutput('');
    writer.close();

    expect(readCast(file).events).toEqual([]);
  });

  it('drops events after close', () => {
    const file = castPath();
    const writer = new CastWriter(file, { width: 80, height: 24 });
    writer.writeOutput('kept');
    writer.close();
    writer.writeOutput('dropped');
    writer.close();

    expect(readCast(file).events.map(([, , data]) => data)).toEqual(['kept']);
    expect(writer.failure).toBeNull();
  });

  it('replaces an existing file', () => {
    const file = castPath();
    new CastWriter(file, { width: 80, height: 24 }).close();
    const writer = new CastWriter(file, { width: 90, height: 30 });
    writer.close();

    expect(readCast(file).header.width).toBe(90);
  });

  it('throws when the file cannot be opened', () => {
    const file = path.join(castPath(), 'missing-folder', 'session.cast');

    expect(() => new CastWriter(file, { width: 80, height: 24 })).toThrow(
      /ENOENT/,
    );
    expect(existsSync(file)).toBe(false);
  });

  it.skipIf(!existsSync('/dev/full'))(
    'stops at a failed write and keeps the error',
    () => {
      const writer = new CastWriter('/dev/full', { width: 80, height: 24 });

      expect(writer.failure?.message).toMatch(/ENOSPC/);
      expect(() => writer.writeOutput('more')).not.toThrow();
      writer.close();
    },
  );
});

describe('sessionEnv', () => {
  it('keeps TERM and SHELL when they are set', () => {
    const env = { TERM: 'screen', SHELL: '/bin/zsh', HOME: '/root' };

    expect(sessionEnv(env)).toEqual({ TERM: 'screen', SHELL: '/bin/zsh' });
  });

  it('leaves out unset and empty ones', () => {
    expect(sessionEnv({ TERM: '' })).toEqual({});
  });
});
