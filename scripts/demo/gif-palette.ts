import type { Screen } from './screen-frames.js';
import { mixColors, type Rgb } from './terminal-colors.js';

/** The largest GIF colour table, less one slot for transparency. */
const MAX_COLORS = 255;

/** Coverage levels to try, finest first: the palette takes the first that fits. */
const LEVEL_CHOICES = [8, 4, 2];

/**
 * The colours of an animation. A glyph's edge pixels mix its foreground
 * into its background, at one of `levels` coverage levels, so the palette
 * contains every colour the frames use and needs no quantiser. It takes
 * the finest of 8, 4 or 2 levels that fits in a GIF colour table. When
 * even 2 levels do not fit, channels are rounded to fewer bits until the
 * colours do.
 */
export class GifPalette {
  /** Colour table for the GIF: a power of 2 long, transparency last. */
  readonly table: readonly Rgb[];
  /** Index of the transparent colour. */
  readonly transparentIndex: number;
  /** Coverage levels of glyph edges, from the background to the glyph. */
  readonly levels: number;
  private readonly indexByColor: ReadonlyMap<Rgb, number>;
  private readonly channelBits: number;
  private readonly levelByCoverage: Uint8Array;

  constructor(screens: readonly Screen[], fallback: Rgb) {
    const { solids, pairs } = collectColors(screens, fallback);
    let levels = 2;
    let colors = new Set<Rgb>();
    for (const choice of LEVEL_CHOICES) {
      levels = choice;
      colors = paletteColors(solids, pairs, levels);
      if (colors.size <= MAX_COLORS) {
        break;
      }
    }

    let channelBits = 8;
    let rounded = colors;
    while (rounded.size > MAX_COLORS && channelBits > 1) {
      channelBits -= 1;
      rounded = new Set([...colors].map((rgb) => roundColor(rgb, channelBits)));
    }

    const table = [...rounded];
    this.transparentIndex = table.length;
    this.indexByColor = new Map(table.map((rgb, index) => [rgb, index]));
    this.table = padTable([...table, 0x000000]);
    this.levels = levels;
    this.channelBits = channelBits;
    this.levelByCoverage = new Uint8Array(256);
    for (let coverage = 0; coverage < 256; coverage++) {
      this.levelByCoverage[coverage] = Math.round(
        (coverage / 255) * (levels - 1),
      );
    }
  }

  /**
   * Returns the palette index of each coverage value, 0 to 255, for a
   * glyph of colour `foreground` on `background`.
   */
  indicesByCoverage(foreground: Rgb, background: Rgb): Uint8Array {
    const byLevel: number[] = [];
    for (let level = 0; level < this.levels; level++) {
      const share = level / (this.levels - 1);
      byLevel.push(this.indexOf(mixColors(background, foreground, share)));
    }

    return this.levelByCoverage.map((level) => byLevel[level]!);
  }

  /** Returns the palette index of a colour that the frames use. */
  indexOf(rgb: Rgb): number {
    const index = this.indexByColor.get(roundColor(rgb, this.channelBits));
    if (index === undefined) {
      throw new Error(
        `Colour #${rgb.toString(16).padStart(6, '0')} is not in the palette.`,
      );
    }

    return index;
  }
}

/**
 * Returns the plain colours (backgrounds) and the foreground–background
 * pairs of glyphs that the screens use, each pair as fg * 2^24 + bg.
 */
function collectColors(screens: readonly Screen[], fallback: Rgb) {
  const solids = new Set<Rgb>([fallback]);
  const pairs = new Set<number>();
  for (const screen of screens) {
    for (const cell of screen.cells) {
      solids.add(cell.background);
      const hasInk =
        cell.text.trim() !== '' || cell.isUnderline || cell.isStrikethrough;
      if (hasInk && cell.foreground !== cell.background) {
        pairs.add(cell.foreground * 0x1000000 + cell.background);
      }
    }
  }

  return { solids, pairs };
}

function paletteColors(
  solids: ReadonlySet<Rgb>,
  pairs: ReadonlySet<number>,
  levels: number,
): Set<Rgb> {
  const colors = new Set(solids);
  for (const pair of pairs) {
    const foreground = Math.floor(pair / 0x1000000);
    const background = pair % 0x1000000;
    for (let level = 1; level < levels; level++) {
      colors.add(mixColors(background, foreground, level / (levels - 1)));
    }
  }

  return colors;
}

/** Rounds each channel to its top `bits` bits, to the middle of the step. */
function roundColor(rgb: Rgb, bits: number): Rgb {
  if (bits >= 8) {
    return rgb;
  }

  const step = 1 << (8 - bits);
  let rounded = 0;
  for (const shift of [16, 8, 0]) {
    const channel = (rgb >> shift) & 0xff;
    rounded |= (Math.floor(channel / step) * step + step / 2) << shift;
  }

  return rounded;
}

/** Pads a colour table to a power of 2 entries, at least 2. */
function padTable(colors: Rgb[]): Rgb[] {
  let size = 2;
  while (size < colors.length) {
    size *= 2;
  }

  return [...colors, ...Array<Rgb>(size - colors.length).fill(0x000000)];
}
