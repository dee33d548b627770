// Pieces of the one-line messages that the CSV loader puts in a DataError.

/** Column names that a message lists before it only counts the rest. */
const MAX_LISTED_NAMES = 12;

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/**
 * A number with a decimal comma, or with groups of three digits split by a
 * comma, point, apostrophe, space or no-break space and an optional
 * fraction after a point or comma.
 */
const FORMATTED_NUMBER =
  /^[+-]?(?:\d+,\d+|\d{1,3}(?:[,.' \u00a0\u202f]\d{3})+(?:[.,]\d+)?)$/;

/** Returns `"a", "b" and "c"`, with the names in double quotes. */
export function listNames(names: readonly string[]): string {
  const quoted = names.slice(0, MAX_LISTED_NAMES).map((name) => `"${name}"`);
  const restCount = names.length - quoted.length;

  return restCount > 0
    ? `${quoted.join(', ')} and ${restCount} more`
    : joinAnd(quoted);
}

/** Returns `a, b and c`. */
export function joinAnd(items: readonly (string | number)[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Returns the --drop flag that leaves out `names`, quoted for a shell. */
export function dropFlag(names: readonly string[]): string {
  const list = names.join(',');
  const isPlain = names.every((name) => /^[\w.-]+$/.test(name));

  return isPlain ? `--drop ${list}` : `--drop "${list}"`;
}

/**
 * Returns `"3,5" on line 7 is not a number`, with a hint when the text looks
 * like a number written with a decimal comma or a thousands separator.
 */
export function describeNonNumber(text: string, line: number): string {
  const statement = `"${text}" on line ${line} is not a number`;
  if (!isFormattedNumber(text)) {
    return statement;
  }

  return (
    `${statement} (write numbers with a point as the decimal mark and ` +
    'without thousands separators)'
  );
}

/**
 * Returns whether `text` is a number written with a decimal comma (`0,5`,
 * `1.234,5`) or with thousands separators (`37,378.35`, `1 234`, `1'234`),
 * none of which Number() reads.
 */
export function isFormattedNumber(text: string): boolean {
  return FORMATTED_NUMBER.test(text);
}

/** Returns `"tab"` for a tab and the quoted character otherwise. */
export function describeDelimiter(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : `"${delimiter}"`;
}

/** Formats a byte count with binary units: `"512 B"`, `"41.8 MiB"`. */
export function formatBytes(bytes: number): string {
  let unit = 0;
  while (bytes >= 1024 ** (unit + 1) && unit < BYTE_UNITS.length - 1) {
    unit += 1;
  }

  const value = bytes / 1024 ** unit;

  return `${unit === 0 ? value : value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}
