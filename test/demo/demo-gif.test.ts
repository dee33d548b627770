import { existsSync, readFileSync, statSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { DEFAULT_GIF_OPTIONS } from '../../scripts/demo/cast-to-gif.js';
import { GlyphMasks } from '../../scripts/demo/glyph-masks.js';
import {
  countChangedPixels,
  decodeGif,
  type DecodedGif,
} from './decoded-gif.js';

const GIF_PATH = 'demo.gif';
const MAX_BYTES = 3_000_000;

let decoded: DecodedGif | undefined;

/** Decodes demo.gif once for all the tests. */
function demoGif(): DecodedGif {
  decoded ??= decodeGif(readFileSync(GIF_PATH));

  return decoded;
}

describe('the committed demo.gif', () => {
  it('exists and is at most 3 MB', () => {
    expect(existsSync(GIF_PATH)).toBe(true);
    expect(statSync(GIF_PATH).size).toBeLessThanOrEqual(MAX_BYTES);
  });

  it('shows a 100x30 terminal', () => {
    const gif = demoGif();
    const cell = new GlyphMasks(DEFAULT_GIF_OPTIONS.fontSizePx).cell;

    expect(gif.width).toBe(100 * cell.widthPx);
    expect(gif.height).toBe(30 * cell.heightPx);
  });

  it('animates frames that differ', () => {
    const gif = demoGif();
    const first = gif.frames[0]!;
    const last = gif.frames.at(-1)!;

    expect(gif.frames.length).toBeGreaterThan(10);
    expect(countChangedPixels(first, last)).toBeGreaterThan(1000);
  });

  it('plays for 20 to 40 seconds', () => {
    const gif = demoGif();
    const totalMs = gif.frames.reduce((sum, frame) => sum + frame.delayMs, 0);

    expect(totalMs).toBeGreaterThanOrEqual(20_000);
    expect(totalMs).toBeLessThanOrEqual(40_000);
  });
});
