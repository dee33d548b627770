/** Smallest terminal, in columns and rows, that gets every panel. */
export const FULL_LAYOUT_MIN_COLUMNS = 80;
export const FULL_LAYOUT_MIN_ROWS = 24;

/** Smallest terminal that gets the compact view. Smaller ones get a message. */
export const COMPACT_MIN_COLUMNS = 40;
export const COMPACT_MIN_ROWS = 6;

/** Load in percent at which a meter turns from good to warn. */
export const WARN_PERCENT = 70;

/** Load in percent at which a meter turns from warn to bad. */
export const BAD_PERCENT = 90;

/** Narrowest sparkline worth drawing, in cells. Narrower ones are dropped. */
export const MIN_SPARKLINE_WIDTH = 6;

/**
 * Smallest score span a trial's sparkline covers. Without it, noise of
 * 0.001 between chunks would swing the line from bottom to top.
 */
export const MIN_SCORE_SPAN = 0.05;

/** Finished trials the table keeps on screen even when workers want room. */
export const MIN_FINISHED_ROWS = 3;

/**
 * Lines the system panel gives to per-core load. Cores that need more lines
 * as bars are drawn one glyph each, and any that still do not fit are
 * counted in a "+N" note.
 */
export const MAX_CORE_LINES = 2;
