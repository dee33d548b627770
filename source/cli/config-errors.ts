// One-line messages for a sweep config file that cannot be used. zod and the
// JSON and YAML parsers describe problems over several lines, so these
// functions keep the facts and drop the layout.

import type * as z from 'zod';
import type { YAMLError } from 'yaml';

import { suggestName } from './flag-errors.js';

/** Longest quoted value in a message, in characters, before it is cut. */
const MAX_SHOWN_VALUE_LENGTH = 40;

/** Error for a config file that cannot be used. Its message is one line. */
export class ConfigError extends Error {}

/**
 * Picks the issue to report. An unknown key comes first, because a typo in a
 * key also makes zod report the key it was meant to be as missing. Otherwise
 * it is the first issue, in zod's order. Returns undefined for no issues.
 */
export function pickIssue(
  issues: readonly z.core.$ZodIssue[],
): z.core.$ZodIssue | undefined {
  return (
    issues.find((issue) => issue.code === 'unrecognized_keys') ?? issues[0]
  );
}

/**
 * Returns the message for a zod issue, such as
 * `sweep.json: grid.trees[1] must be a whole number from 1 to 100000, got
 * "x".` Each schema's error message is the expected value as a noun phrase.
 * `keysAt` returns the keys of the object at a path, for typo suggestions.
 */
export function describeIssue(
  file: string,
  issue: z.core.$ZodIssue,
  input: unknown,
  keysAt: (path: readonly PropertyKey[]) => readonly string[],
): string {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';

    return describeUnknownKey(file, issue.path, key, keysAt(issue.path));
  }

  const where = formatPath(issue.path);
  const value = valueAt(input, issue.path);
  if (value === undefined) {
    return `${file}: missing ${where}: expected ${issue.message}.`;
  }

  return (
    `${file}: ${where} must be ${issue.message}, ` +
    `got ${describeValue(value)}.`
  );
}

function describeUnknownKey(
  file: string,
  path: readonly PropertyKey[],
  key: string,
  known: readonly string[],
): string {
  const where = formatPath([...path, key]);
  const suggestion = suggestName(key, known);
  if (suggestion !== null) {
    const fix = formatPath([...path, suggestion]);

    return `${file}: unknown key ${where}: did you mean ${fix}?`;
  }

  return `${file}: unknown key ${where}: expected one of ${known.join(', ')}.`;
}

/**
 * Returns the message for a JSON.parse error. V8 gives the line and column
 * for most errors, but for an unexpected token it quotes the source instead,
 * which may span lines, so the quote is dropped.
 */
export function describeJsonError(file: string, error: SyntaxError): string {
  const located = /^(.*) in JSON at position \d+ \(line (\d+) column (\d+)\)$/s;
  const match = located.exec(error.message);
  if (match !== null) {
    const [, reason = '', line, column] = match;

    return (
      `${file}: invalid JSON at line ${line}, column ${column}: ` +
      `${toClause(reason)}.`
    );
  }

  const quoted = /^(.*?), (?:\.\.\.)?".*" is not valid JSON$/s;
  const reason = quoted.exec(error.message)?.[1] ?? firstLine(error.message);

  return `${file}: invalid JSON: ${toClause(reason)}.`;
}

/** Returns the message for the first error of a YAML document. */
export function describeYamlError(file: string, error: YAMLError): string {
  const reason = firstLine(error.message).replace(/ at line \d+.*$/, '');
  const position = error.linePos?.[0];
  const where =
    position === undefined
      ? ''
      : ` at line ${position.line}, column ${position.col}`;

  return `${file}: invalid YAML${where}: ${toClause(reason)}.`;
}

/** Returns a short form of a value for a message, such as `"x"` or `[1,2]`. */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }

  const text = JSON.stringify(value);
  if (text.length <= MAX_SHOWN_VALUE_LENGTH) {
    return text;
  }

  return `${text.slice(0, MAX_SHOWN_VALUE_LENGTH - 1)}…`;
}

/** Returns a key path as JavaScript writes it, such as `grid.trees[1]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') {
      text += `[${key}]`;
    } else if (/^[A-Za-z_$][\w$]*$/.test(String(key))) {
      text += text === '' ? String(key) : `.${String(key)}`;
    } else {
      text += `[${JSON.stringify(String(key))}]`;
    }
  }

  return text === '' ? 'the file' : text;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) {
      return undefined;
    }

    value = (value as Record<PropertyKey, unknown>)[key];
  }

  return value;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}

/** Lowercases the first letter and drops a final period, to fit mid-line. */
function toClause(text: string): string {
  const trimmed = text.trim().replace(/\.$/, '');

  return trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
}
