// Pieces of the one-line messages that the CSV loader puts in a DataError.

/** Column names that a message lists before it only counts the rest. */
const MAX_LISTED_NAMES = 12;

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

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
  if (!hasNumberComma(text)) {
    return statement;
  }

  return (
    `${statement} (write numbers with a point as the decimal mark and ` +
    'without thousands separators)'
  );
}

/** Returns whether `text` is a number with a decimal or thousands comma. */
export function hasNumberComma(text: string): boolean {
  return /^[+-]?[\d.]*\d,\d+$/.test(text);
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
