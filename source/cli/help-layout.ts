// Layout of help text: words wrapped within 80 columns, and a column of
// flags beside their descriptions.

/** Width of every help text, in columns. */
export const HELP_WIDTH = 80;

/** Joins two words that wrapping must keep on one line. */
export const NO_BREAK_SPACE = '\u00a0';

/** Returns "(default: value)", kept on one line when the help wraps. */
export function defaultNote(value: string | number): string {
  return `(default:${NO_BREAK_SPACE}${value})`.replaceAll(' ', NO_BREAK_SPACE);
}

/**
 * Formats one flag of a help text: its usage, such as `--tick MS`, from
 * column 2, and its description wrapped from column `column`.
 */
export function formatHelpEntry(
  usage: string,
  description: string,
  column: number,
): string[] {
  const indent = ' '.repeat(column);
  const wrapped = wrapWords(description, HELP_WIDTH - column);
  const first = `  ${usage}`.padEnd(column);
  // A usage that fills its column gets a line of its own.
  if (`  ${usage} `.length > column) {
    return [`  ${usage}`, ...wrapped.map((line) => indent + line)];
  }

  return wrapped.map((line, index) =>
    index === 0 ? first + line : indent + line,
  );
}

/**
 * Breaks text into lines of at most `width` columns, between words. A
 * no-break space keeps two words together and prints as a space.
 */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);

  return lines.map((wrapped) => wrapped.replaceAll(NO_BREAK_SPACE, ' '));
}
