import { describe, expect, it } from 'vitest';

import type { Asciicast, CastEvent } from '../../scripts/demo/asciicast.js';
import {
  captureScreens,
  type FrameTiming,
  type Screen,
} from '../../scripts/demo/screen-frames.js';
import { XTERM_JS_THEME } from '../../scripts/demo/terminal-colors.js';

const CSI = '\u001B[';

const TIMING: FrameTiming = {
  frameIntervalMs: 100,
  speed: 1,
  maxFrameMs: 2000,
  endHoldMs: 1000,
  stopAtScreenExit: false,
};

function castOf(events: CastEvent[], columns = 10, rows = 2): Asciicast {
  return { columns, rows, events };
}

function output(timeMs: number, data: string): CastEvent {
  return { kind: 'output', timeMs, data };
}

/** Returns the text of a screen's first row, without trailing blanks. */
function firstRow(screen: Screen): string {
  return screen.cells
    .slice(0, screen.columns)
    .map((cell) => cell.text)
    .join('')
    .trimEnd();
}

async function capture(cast: Asciicast, timing: Partial<FrameTiming> = {}) {
  return captureScreens(cast, { ...TIMING, ...timing }, XTERM_JS_THEME);
}

describe('captureScreens', () => {
  it('drops snapshots equal to the one before', async () => {
    const screens = await capture(
      castOf([output(0, 'a'), output(500, `${CSI}1;1Ha`), output(1000, 'b')]),
    );

    expect(screens.map(({ screen }) => firstRow(screen))).toEqual(['a', 'ab']);
    expect(screens.map(({ durationMs }) => durationMs)).toEqual([1000, 1000]);
  });

  it('shortens idle stretches to the longest frame', async () => {
    const screens = await capture(
      castOf([output(0, 'a'), output(10_000, 'b')]),
      { maxFrameMs: 300 },
    );

    expect(screens.map(({ durationMs }) => durationMs)).toEqual([300, 1000]);
  });

  it('plays faster at a higher speed', async () => {
    const screens = await capture(castOf([output(0, 'a'), output(1000, 'b')]), {
      speed: 2,
    });

    expect(screens.map(({ durationMs }) => durationMs)).toEqual([500, 1000]);
  });

  it('follows resize events', async () => {
    const screens = await capture(
      castOf([
        output(0, 'a'),
        { kind: 'resize', timeMs: 200, columns: 30, rows: 3 },
      ]),
    );

    expect(screens.map(({ screen }) => screen.columns)).toEqual([10, 30]);
    expect(screens.at(-1)!.screen.cells).toHaveLength(90);
  });

  it('stops at the exit from the alternate screen', async () => {
    const cast = castOf([
      output(0, `${CSI}?1049h${CSI}Hmon`),
      output(300, `last${CSI}?1049lsummary`),
    ]);

    const stopped = await capture(cast, { stopAtScreenExit: true });
    const played = await capture(cast);

    expect(firstRow(stopped.at(-1)!.screen)).toBe('monlast');
    expect(firstRow(played.at(-1)!.screen)).toBe('summary');
  });

  it('resolves inverse and 256-colour cells', async () => {
    const screens = await capture(
      castOf([output(0, `${CSI}7;32mi${CSI}0m${CSI}38;5;196mr`)]),
    );
    const [inverse, red] = screens[0]!.screen.cells;

    expect(inverse!.foreground).toBe(XTERM_JS_THEME.background);
    expect(inverse!.background).toBe(XTERM_JS_THEME.ansi[2]);
    expect(red!.foreground).toBe(0xff0000);
  });
});
