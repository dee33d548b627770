/** One side of a comparison: what was measured and its value. */
export type Side = {
  /** Short description of the setup, such as `1 worker`. */
  readonly label: string;
  readonly value: number;
  /** Unit of `value`, such as `s` or `MiB`. */
  readonly unit: string;
};

/** Bound the ratio must meet for the comparison to pass. */
export type Target = {
  readonly bound: 'at-least' | 'at-most';
  readonly ratio: number;
};

/**
 * Two setups measured side by side in one benchmark run. The ratio is
 * always `a.value / b.value`.
 */
export type Comparison = {
  readonly metric: string;
  readonly a: Side;
  readonly b: Side;
  readonly target: Target;
  /** Lines that show the individual runs behind the two values. */
  readonly details: readonly string[];
  /**
   * Highest CPU use of other processes during a timed run, in cores, or
   * undefined when the comparison does not depend on time.
   */
  readonly otherCores?: number;
};

/** Digits after the point for values and ratios in the table. */
const VALUE_DIGITS = 2;

const COLUMN_TITLES = ['metric', 'A', 'B', 'ratio A/B', 'target', 'result'];

/** Returns `a.value / b.value`. */
export function ratioOf(comparison: Comparison): number {
  return comparison.a.value / comparison.b.value;
}

export function meetsTarget(comparison: Comparison): boolean {
  const ratio = ratioOf(comparison);
  const { bound, ratio: limit } = comparison.target;

  return bound === 'at-least' ? ratio >= limit : ratio <= limit;
}

/**
 * Formats the comparisons as a Markdown table with padded columns, so the
 * same text reads well in a terminal and pastes into a Markdown page.
 */
export function formatTable(comparisons: readonly Comparison[]): string {
  const rows = comparisons.map((comparison) => [
    comparison.metric,
    formatSide(comparison.a),
    formatSide(comparison.b),
    ratioOf(comparison).toFixed(VALUE_DIGITS),
    formatTarget(comparison.target),
    meetsTarget(comparison) ? 'PASS' : 'MISS',
  ]);
  const widths = COLUMN_TITLES.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const rule = widths.map((width) => '-'.repeat(width));

  return [COLUMN_TITLES, rule, ...rows]
    .map((cells) => formatRow(cells, widths))
    .join('\n');
}

function formatRow(cells: readonly string[], widths: readonly number[]) {
  const padded = cells.map((cell, column) => cell.padEnd(widths[column]!));

  return `| ${padded.join(' | ')} |`;
}

function formatSide(side: Side): string {
  return `${formatValue(side.value)} ${side.unit} (${side.label})`;
}

function formatTarget(target: Target): string {
  const sign = target.bound === 'at-least' ? '>=' : '<=';

  return `${sign} ${target.ratio.toFixed(VALUE_DIGITS)}`;
}

/** Formats large values with thousands separators and small ones exactly. */
function formatValue(value: number): string {
  if (Math.abs(value) >= 1000) {
    return Math.round(value).toLocaleString('en-US');
  }

  return value.toFixed(VALUE_DIGITS);
}
