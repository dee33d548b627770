import type { Asciicast } from './asciicast.js';
import { GifPalette } from './gif-palette.js';
import { GifWriter, type GifFrame } from './gif-writer.js';
import { GlyphMasks } from './glyph-masks.js';
import { ScreenPainter } from './screen-painter.js';
import {
  blankCell,
  captureScreens,
  type FrameTiming,
} from './screen-frames.js';
import { XTERM_JS_THEME, type TerminalTheme } from './terminal-colors.js';

/** Settings for drawing a cast into a GIF. */
export type GifOptions = FrameTiming & {
  /** Font size, in pixels. A cell is about 0.6 of it wide and 1.2 of it high. */
  readonly fontSizePx: number;
  readonly theme: TerminalTheme;
};

export const DEFAULT_GIF_OPTIONS: GifOptions = {
  frameIntervalMs: 100,
  speed: 1,
  maxFrameMs: 2000,
  endHoldMs: 3000,
  stopAtScreenExit: false,
  fontSizePx: 14,
  theme: XTERM_JS_THEME,
};

/** An animated GIF of a cast and its measurements. */
export type CastGif = {
  readonly bytes: Uint8Array;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly frameCount: number;
  /** Time the animation takes to play once, in milliseconds. */
  readonly durationMs: number;
};

/**
 * Renders a cast as an animated GIF: it plays the cast in a headless
 * terminal, takes a snapshot of the screen at a steady rate, draws each
 * snapshot that changed with a monospace font and encodes the changed
 * rectangles. The image is as large as the largest terminal size in the
 * cast.
 */
export async function renderCastToGif(
  cast: Asciicast,
  options: Partial<GifOptions> = {},
): Promise<CastGif> {
  const settings = { ...DEFAULT_GIF_OPTIONS, ...options };
  checkOptions(settings);

  const screens = await captureScreens(cast, settings, settings.theme);
  const columns = Math.max(...screens.map(({ screen }) => screen.columns));
  const rows = Math.max(...screens.map(({ screen }) => screen.rows));
  const palette = new GifPalette(
    screens.map(({ screen }) => screen),
    settings.theme.background,
  );
  const glyphs = new GlyphMasks(settings.fontSizePx);
  const painter = new ScreenPainter(
    columns,
    rows,
    glyphs,
    palette,
    blankCell(settings.theme),
  );
  const writer = new GifWriter(
    painter.widthPx,
    painter.heightPx,
    palette.table,
    palette.transparentIndex,
  );

  // Delays are whole hundredths of a second: each frame ends at its
  // rounded end time, so rounding errors do not add up. A screen that
  // looks the same as the one before lengthens the frame before.
  let elapsedMs = 0;
  const frames: GifFrame[] = [];
  for (const { screen, durationMs } of screens) {
    const startCs = Math.round(elapsedMs / 10);
    elapsedMs += durationMs;
    const delayCs = Math.round(elapsedMs / 10) - startCs;
    const change = painter.paint(screen);
    const last = frames.at(-1);
    if (change !== null) {
      frames.push({ ...change, delayCs });
    } else if (last) {
      frames[frames.length - 1] = { ...last, delayCs: last.delayCs + delayCs };
    }
  }

  for (const frame of frames) {
    writer.addFrame(frame);
  }

  return {
    bytes: writer.finish(),
    widthPx: painter.widthPx,
    heightPx: painter.heightPx,
    frameCount: frames.length,
    durationMs: Math.round(elapsedMs / 10) * 10,
  };
}

function checkOptions(options: GifOptions): void {
  const { frameIntervalMs, speed, fontSizePx, maxFrameMs, endHoldMs } = options;
  // Many browsers play a GIF delay of 10 ms or less as 100 ms.
  if (!(frameIntervalMs >= 20 && frameIntervalMs % 10 === 0)) {
    throw new Error(
      `Invalid frame interval ${frameIntervalMs} ms: expected a multiple of 10 ms, at least 20 ms.`,
    );
  }

  if (!(speed > 0 && Number.isFinite(speed))) {
    throw new Error(`Invalid speed ${speed}: expected a number above 0.`);
  }

  if (!(fontSizePx >= 6 && fontSizePx <= 72)) {
    throw new Error(`Invalid font size ${fontSizePx} px: expected 6 to 72 px.`);
  }

  if (!(maxFrameMs >= frameIntervalMs && endHoldMs >= 0)) {
    throw new Error(
      `Invalid frame times: the longest frame (${maxFrameMs} ms) must be at least the frame interval, and the end hold (${endHoldMs} ms) 0 or more.`,
    );
  }
}
