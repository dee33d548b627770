import type { IBufferCell } from '@xterm/headless';

/** A colour packed as 0xRRGGBB. */
export type Rgb = number;

/** The colours a terminal draws with. */
export type TerminalTheme = {
  /** Text colour of cells with the default foreground. */
  readonly foreground: Rgb;
  /** Colour of cells with the default background. */
  readonly background: Rgb;
  /** The 16 ANSI colours: 0–7, then their bright versions 8–15. */
  readonly ansi: readonly Rgb[];
};

/** Foreground and background of a cell after inverse, dim and hidden. */
export type CellColors = {
  readonly foreground: Rgb;
  readonly background: Rgb;
};

/** The default theme of xterm.js: white on black with the Tango colours. */
export const XTERM_JS_THEME: TerminalTheme = {
  foreground: 0xffffff,
  background: 0x000000,
  ansi: [
    0x2e3436, 0xcc0000, 0x4e9a06, 0xc4a000, 0x3465a4, 0x75507b, 0x06989a,
    0xd3d7cf, 0x555753, 0xef2929, 0x8ae234, 0xfce94f, 0x729fcf, 0xad7fa8,
    0x34e2e2, 0xeeeeec,
  ],
};

/** Channel values of the 6×6×6 colour cube, indices 16–231. */
const CUBE_LEVELS = [0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff];

/** Share of the foreground kept by dim (faint) text. */
const DIM_FOREGROUND_SHARE = 0.5;

/**
 * Returns colour `index` of the 256-colour palette: the theme's 16 ANSI
 * colours, the 6×6×6 cube, then 24 greys from 0x08 to 0xee.
 */
export function paletteColor(index: number, theme: TerminalTheme): Rgb {
  if (index < 16) {
    return theme.ansi[index] ?? theme.foreground;
  }

  if (index < 232) {
    const cube = index - 16;
    const red = CUBE_LEVELS[Math.floor(cube / 36)]!;
    const green = CUBE_LEVELS[Math.floor(cube / 6) % 6]!;
    const blue = CUBE_LEVELS[cube % 6]!;

    return (red << 16) | (green << 8) | blue;
  }

  const grey = 8 + (index - 232) * 10;

  return (grey << 16) | (grey << 8) | grey;
}

/**
 * Returns the colours a cell is drawn in. Inverse swaps foreground and
 * background, dim mixes the foreground halfway into the background, and
 * hidden text takes the background colour.
 */
export function cellColors(
  cell: IBufferCell,
  theme: TerminalTheme,
): CellColors {
  let foreground = cell.isFgDefault()
    ? theme.foreground
    : colorValue(cell.isFgRGB(), cell.getFgColor(), theme);
  let background = cell.isBgDefault()
    ? theme.background
    : colorValue(cell.isBgRGB(), cell.getBgColor(), theme);

  if (cell.isInverse()) {
    [foreground, background] = [background, foreground];
  }

  if (cell.isDim()) {
    foreground = mixColors(background, foreground, DIM_FOREGROUND_SHARE);
  }

  if (cell.isInvisible()) {
    foreground = background;
  }

  return { foreground, background };
}

/**
 * Mixes two colours channel by channel: `share` 0 gives `from`, 1 gives
 * `to`. Channels round to the nearest whole value.
 */
export function mixColors(from: Rgb, to: Rgb, share: number): Rgb {
  let mixed = 0;
  for (const shift of [16, 8, 0]) {
    const start = (from >> shift) & 0xff;
    const end = (to >> shift) & 0xff;
    mixed |= Math.round(start + (end - start) * share) << shift;
  }

  return mixed;
}

function colorValue(isRgb: boolean, color: number, theme: TerminalTheme) {
  return isRgb ? color & 0xffffff : paletteColor(color, theme);
}
