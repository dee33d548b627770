/** Cells of the gutter before a host's label, where "›" marks the selection. */
export const HOST_GUTTER_WIDTH = 2;

/** Cells of the busy threads after the label, gap included: "  12/16 busy". */
export const HOST_BUSY_WIDTH = 12;

/** Widest host label. Longer ones are cut in the middle. */
export const MAX_HOST_LABEL_WIDTH = 16;

const MIN_HOST_LABEL_WIDTH = 4;

/** Cells of a meter outside its bar: a gap, "CPU " and "100%". */
const METER_FIXED_WIDTH = 10;

/** Cells of the memory in bytes after its meter: " 1023/1024 GiB". */
const MEMORY_BYTES_WIDTH = 14;

const MIN_HOST_BAR_WIDTH = 4;
const MAX_HOST_BAR_WIDTH = 16;

/** Widths of the parts of a host line. */
export type HostColumns = {
  readonly labelWidth: number;
  /** Meters shown: CPU, then memory. 0 leaves only the busy threads. */
  readonly meterCount: 0 | 1 | 2;
  /** Cells of each meter's bar, or 0 for the percent alone. */
  readonly barWidth: number;
  /** Whether memory shows in bytes after its percent. */
  readonly hasMemoryBytes: boolean;
};

/**
 * Plans a host line for a width and the widest label. As room runs out, the
 * memory in bytes goes first, then the bars shrink to MIN_HOST_BAR_WIDTH and
 * go, then the memory meter, then the CPU meter.
 */
export function planHostColumns(
  width: number,
  labelCells: number,
): HostColumns {
  const labelWidth = Math.min(
    MAX_HOST_LABEL_WIDTH,
    Math.max(MIN_HOST_LABEL_WIDTH, labelCells),
  );
  const free = width - HOST_GUTTER_WIDTH - labelWidth - HOST_BUSY_WIDTH;
  // Each bar takes a blank cell before the percent as well.
  const barsRoom = free - 2 * (METER_FIXED_WIDTH + 1);

  const barWithBytes = Math.floor((barsRoom - MEMORY_BYTES_WIDTH) / 2);
  if (barWithBytes >= MIN_HOST_BAR_WIDTH) {
    const barWidth = Math.min(MAX_HOST_BAR_WIDTH, barWithBytes);

    return { labelWidth, meterCount: 2, barWidth, hasMemoryBytes: true };
  }

  const bar = Math.floor(barsRoom / 2);
  if (bar >= MIN_HOST_BAR_WIDTH) {
    return { labelWidth, meterCount: 2, barWidth: bar, hasMemoryBytes: false };
  }

  const percentsOnly = { labelWidth, barWidth: 0, hasMemoryBytes: false };
  if (free >= 2 * METER_FIXED_WIDTH) {
    return { ...percentsOnly, meterCount: 2 };
  }

  if (free >= METER_FIXED_WIDTH) {
    return { ...percentsOnly, meterCount: 1 };
  }

  return { ...percentsOnly, meterCount: 0 };
}
