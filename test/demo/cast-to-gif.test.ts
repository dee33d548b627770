import { describe, expect, it } from 'vitest';

import type { Asciicast } from '../../scripts/demo/asciicast.js';
import {
  DEFAULT_GIF_OPTIONS,
  renderCastToGif,
} from '../../scripts/demo/cast-to-gif.js';
import { GlyphMasks } from '../../scripts/demo/glyph-masks.js';
import {
  countChangedPixels,
  decodeGif,
  pixelAt,
  type DecodedFrame,
  type DecodedGif,
} from './decoded-gif.js';

const CSI = '\u001B[';
const BLACK = 0x000000;
const TANGO_RED = 0xcc0000;
const TANGO_GREEN = 0x4e9a06;
const TANGO_YELLOW = 0xc4a000;
const TANGO_BLUE = 0x3465a4;
const TANGO_MAGENTA = 0x75507b;

const cell = new GlyphMasks(DEFAULT_GIF_OPTIONS.fontSizePx).cell;

/**
 * A 20×4 terminal with red text and a green background on row 1, and a
 * blue bar on row 2 that grows at 0.3 s. At 0.6 s come a 256-colour and a
 * truecolour block and an inverse magenta cell on row 2, and ▄ and ─ in
 * yellow on row 3.
 */
const cast: Asciicast = {
  columns: 20,
  rows: 4,
  events: [
    output(0, `${CSI}31mred${CSI}0m ${CSI}42m  ${CSI}0m`),
    output(0, `${CSI}2;1H${CSI}34m██${CSI}0m`),
    output(300, `${CSI}2;3H${CSI}34m██${CSI}0m`),
    output(
      600,
      `${CSI}2;5H${CSI}38;5;208m█${CSI}38;2;10;200;250m█${CSI}0m ` +
        `${CSI}7;35m ${CSI}0m`,
    ),
    output(600, `${CSI}3;1H${CSI}33m▄─${CSI}0m`),
  ],
};

function output(timeMs: number, data: string) {
  return { kind: 'output', timeMs, data } as const;
}

async function render(): Promise<DecodedGif> {
  const gif = await renderCastToGif(cast);

  return decodeGif(gif.bytes);
}

/** Returns the colour at the centre of cell (column, row). */
function cellCentre(
  gif: DecodedGif,
  frame: DecodedFrame,
  column: number,
  row: number,
) {
  const x = column * cell.widthPx + Math.floor(cell.widthPx / 2);
  const y = row * cell.heightPx + Math.floor(cell.heightPx / 2);

  return pixelAt(gif, frame, x, y);
}

/** Returns the colours of every pixel of cell (column, row). */
function cellPixels(
  gif: DecodedGif,
  frame: DecodedFrame,
  column: number,
  row: number,
): number[] {
  const pixels: number[] = [];
  for (let y = 0; y < cell.heightPx; y++) {
    for (let x = 0; x < cell.widthPx; x++) {
      pixels.push(
        pixelAt(gif, frame, column * cell.widthPx + x, row * cell.heightPx + y),
      );
    }
  }

  return pixels;
}

describe('renderCastToGif', () => {
  it('sizes the image by the cast’s cells', async () => {
    const gif = await render();

    expect(cell.widthPx).toBeGreaterThan(4);
    expect(cell.heightPx).toBeGreaterThan(cell.widthPx);
    expect(gif.width).toBe(20 * cell.widthPx);
    expect(gif.height).toBe(4 * cell.heightPx);
  });

  it('encodes one frame per change, timed by the cast', async () => {
    const gif = await renderCastToGif(cast);
    const decoded = decodeGif(gif.bytes);

    expect(gif.frameCount).toBe(3);
    expect(decoded.frames).toHaveLength(3);
    expect(decoded.frames.map((frame) => frame.delayMs)).toEqual([
      300,
      300,
      DEFAULT_GIF_OPTIONS.endHoldMs,
    ]);
    expect(gif.durationMs).toBe(600 + DEFAULT_GIF_OPTIONS.endHoldMs);
  });

  it('changes the image as the bar grows', async () => {
    const gif = await render();
    const [first, second, third] = gif.frames as [
      DecodedFrame,
      DecodedFrame,
      DecodedFrame,
    ];

    expect(countChangedPixels(first, second)).toBeGreaterThan(0);
    expect(countChangedPixels(second, third)).toBeGreaterThan(0);
    expect(cellCentre(gif, first, 2, 1)).toBe(BLACK);
    expect(cellCentre(gif, second, 2, 1)).toBe(TANGO_BLUE);
  });

  it('fills blocks and backgrounds with their exact colour', async () => {
    const gif = await render();
    const last = gif.frames.at(-1)!;

    expect(cellCentre(gif, last, 0, 1)).toBe(TANGO_BLUE);
    expect(cellCentre(gif, last, 4, 0)).toBe(TANGO_GREEN);
    expect(cellCentre(gif, last, 4, 1)).toBe(0xff8700);
    expect(cellCentre(gif, last, 5, 1)).toBe(0x0ac8fa);
    expect(cellCentre(gif, last, 7, 1)).toBe(TANGO_MAGENTA);
  });

  it('draws text in shades of its colour', async () => {
    const gif = await render();
    const pixels = cellPixels(gif, gif.frames[0]!, 0, 0);
    const inked = pixels.filter((rgb) => rgb !== BLACK);

    expect(inked.length).toBeGreaterThan(5);
    // Every edge pixel mixes red into black, so only the red channel is lit.
    expect(inked.every((rgb) => (rgb & 0x00ffff) === 0)).toBe(true);
    expect(Math.max(...inked)).toBeLessThanOrEqual(TANGO_RED);
  });

  it('fills the whole cell with █', async () => {
    const gif = await render();
    const pixels = cellPixels(gif, gif.frames.at(-1)!, 0, 1);

    expect(pixels.every((rgb) => rgb === TANGO_BLUE)).toBe(true);
  });

  it('draws ▄ as the lower half of the cell', async () => {
    const gif = await render();
    const pixels = cellPixels(gif, gif.frames.at(-1)!, 0, 2);
    const yellow = pixels.filter((rgb) => rgb === TANGO_YELLOW);
    const black = pixels.filter((rgb) => rgb === BLACK);

    // Sharp edges: no pixel mixes the two colours.
    expect(yellow.length + black.length).toBe(pixels.length);
    expect(yellow.length / pixels.length).toBeCloseTo(0.5, 1);
    expect(pixels.at(0)).toBe(BLACK);
    expect(pixels.at(-1)).toBe(TANGO_YELLOW);
  });

  it('draws ─ from edge to edge of the cell', async () => {
    const gif = await render();
    const pixels = cellPixels(gif, gif.frames.at(-1)!, 1, 2);
    const lineRows = Array.from({ length: cell.heightPx }, (_, y) =>
      pixels.slice(y * cell.widthPx, (y + 1) * cell.widthPx),
    ).filter((row) => row.includes(TANGO_YELLOW));

    expect(lineRows.length).toBeGreaterThan(0);
    for (const row of lineRows) {
      expect(row.every((rgb) => rgb === TANGO_YELLOW)).toBe(true);
    }
  });

  it('rejects a frame interval that a GIF cannot time', async () => {
    await expect(
      renderCastToGif(cast, { frameIntervalMs: 15 }),
    ).rejects.toThrow(/Invalid frame interval 15 ms/);
  });
});
