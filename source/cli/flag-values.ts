// Readers that turn one flag's text into a checked value. Each returns
// undefined when the flag is absent, so that callers can fall back to the
// config file and then to the default, and throws a FlagError for a bad value.

import { FlagError } from './flag-errors.js';
import type { SweepConfigFile } from './sweep-config.js';
import {
  describeChoices,
  describeRange,
  type FlagName,
  type FlagValues,
  type Range,
} from './flag-table.js';

export function stringValue(
  values: FlagValues,
  flag: FlagName,
): string | undefined {
  const value = values[flag];

  return typeof value === 'string' ? value : undefined;
}

/** Returns every value of a flag that may be repeated, in order. */
export function stringValues(
  values: FlagValues,
  flag: FlagName,
): string[] | undefined {
  const value = values[flag];
  if (typeof value === 'string') {
    return [value];
  }

  return Array.isArray(value) ? value : undefined;
}

/** Returns a whole number within `range`. */
export function readNumber(
  values: FlagValues,
  flag: FlagName,
  range: Range,
): number | undefined {
  const text = stringValue(values, flag);
  if (text === undefined) {
    return undefined;
  }

  const value = parseWholeNumber(text);
  if (value === null || !isInRange(value, range)) {
    throw invalidNumber(flag, text, range);
  }

  return value;
}

/** Returns a comma-separated list of distinct whole numbers within `range`. */
export function readList(
  values: FlagValues,
  flag: FlagName,
  range: Range,
  example: readonly number[],
): number[] | undefined {
  const text = stringValue(values, flag);
  if (text === undefined) {
    return undefined;
  }

  const exampleText = example.join(',');
  if (text.trim() === '') {
    throw new FlagError(
      `Invalid --${flag} "${text}": expected whole numbers ` +
        `${describeRange(range)} separated by commas, such as ${exampleText}.`,
    );
  }

  const list: number[] = [];
  for (const item of text.split(',').map((part) => part.trim())) {
    const value = parseWholeNumber(item);
    if (value === null || !isInRange(value, range)) {
      throw new FlagError(
        `Invalid --${flag} "${text}": "${item}" is not a whole number ` +
          `${describeRange(range)}. Separate numbers with commas, ` +
          `such as ${exampleText}.`,
      );
    }

    if (list.includes(value)) {
      throw new FlagError(
        `Invalid --${flag} "${text}": ${value} is listed twice. ` +
          'List each value once.',
      );
    }

    list.push(value);
  }

  return list;
}

/** Returns a decimal fraction within `range`, such as 0.25 or .25. */
export function readFraction(
  values: FlagValues,
  flag: FlagName,
  range: Range,
  example: number,
): number | undefined {
  const text = stringValue(values, flag);
  if (text === undefined) {
    return undefined;
  }

  const value = /^(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : NaN;
  if (!isInRange(value, range)) {
    throw new FlagError(
      `Invalid --${flag} "${text}": expected a fraction ` +
        `${describeRange(range)}, such as ${example}.`,
    );
  }

  return value;
}

/** Returns the flag's value when it is one of `choices`. */
export function readChoice<const T extends string>(
  values: FlagValues,
  flag: FlagName,
  choices: readonly T[],
): T | undefined {
  const text = stringValue(values, flag);
  if (text === undefined) {
    return undefined;
  }

  const choice = choices.find((candidate) => candidate === text);
  if (choice === undefined) {
    throw new FlagError(
      `Invalid --${flag} "${text}": expected ${describeChoices(choices)}.`,
    );
  }

  return choice;
}

/** Returns free text that is not blank, such as a path or a column name. */
export function readText(
  values: FlagValues,
  flag: FlagName,
  expected: string,
): string | undefined {
  const text = stringValue(values, flag);
  if (text !== undefined && text.trim() === '') {
    throw new FlagError(`Invalid --${flag} "${text}": expected ${expected}.`);
  }

  return text;
}

/** Returns the number for plain decimal digits, else null (no sign, dot). */
export function parseWholeNumber(text: string): number | null {
  if (!/^\d+$/.test(text)) {
    return null;
  }

  const value = Number(text);

  return Number.isSafeInteger(value) ? value : null;
}

function isInRange(value: number, range: Range): boolean {
  return value >= range.min && (range.max === undefined || value <= range.max);
}

/** Units of number flags, named in their errors. */
const FLAG_UNITS: Partial<Record<FlagName, string>> = {
  tick: 'milliseconds',
  pace: 'milliseconds',
  'alert-stall': 'ticks',
  'alert-plateau': 'chunks',
};

export function invalidNumber(flag: FlagName, text: string, range: Range) {
  const unitName = FLAG_UNITS[flag];
  const unit = unitName === undefined ? '' : ` of ${unitName}`;

  return new FlagError(
    `Invalid --${flag} "${text}": expected a whole number${unit} ` +
      `${describeRange(range)}.`,
  );
}

/** Names of a setting for messages, by where its value came from. */
export type SettingName = {
  /** The flag, or the config key such as `grid.seed`. */
  readonly short: string;
  /** The flag, or the key and the file, such as `grid.seed in sweep.json`. */
  readonly full: string;
  /** The config file that set the value, or null for a flag or a default. */
  readonly file: string | null;
};

/**
 * Names a setting that a flag, a config key or a default set. The flag wins
 * when it was given, and a default is named by its flag.
 */
export function nameSetting(
  values: FlagValues,
  flag: FlagName,
  config: SweepConfigFile | null,
  key: string,
  configValue: unknown,
): SettingName {
  const isFromConfig =
    values[flag] === undefined && config !== null && configValue !== undefined;
  if (!isFromConfig) {
    return { short: `--${flag}`, full: `--${flag}`, file: null };
  }

  return { short: key, full: `${key} in ${config.path}`, file: config.path };
}

/**
 * Returns "A or B" for two settings to change, naming the config file once
 * when both come from it.
 */
export function describeEither(a: SettingName, b: SettingName): string {
  if (a.file !== null && a.file === b.file) {
    return `${a.short} or ${b.short} in ${a.file}`;
  }

  return `${a.full} or ${b.full}`;
}
