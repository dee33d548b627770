// Reads a sweep config file, the settings of a run as JSON or YAML, and
// turns every problem with it into a one-line error.

import { readFileSync } from 'node:fs';
import path from 'node:path';

import { parseDocument } from 'yaml';

import {
  ConfigError,
  describeIssue,
  describeJsonError,
  describeYamlError,
  pickIssue,
} from './config-errors.js';
import {
  KEYS_BY_PATH,
  sweepConfigSchema,
  type SweepConfig,
} from './sweep-config-schema.js';

export type { SweepConfig } from './sweep-config-schema.js';

/** Config file formats by file extension. */
const FORMATS: Readonly<Record<string, 'JSON' | 'YAML'>> = {
  '.json': 'JSON',
  '.yaml': 'YAML',
  '.yml': 'YAML',
};

/** A config file's path, as given to --config, and its settings. */
export type SweepConfigFile = {
  readonly path: string;
  readonly settings: SweepConfig;
};

/**
 * Reads and checks a .json, .yaml or .yml config file. Throws a ConfigError
 * with a one-line message when the file is missing, unreadable, not valid
 * JSON or YAML, empty, or when a setting is unknown or out of range.
 */
export function readSweepConfig(file: string): SweepConfigFile {
  const format = FORMATS[path.extname(file).toLowerCase()];
  if (format === undefined) {
    throw new ConfigError(
      `Invalid --config "${file}": expected a .json, .yaml or .yml file.`,
    );
  }

  const source = readConfigText(file);
  const input =
    format === 'JSON' ? parseJson(file, source) : parseYaml(file, source);
  const result = sweepConfigSchema.safeParse(input);
  if (!result.success) {
    const issue = pickIssue(result.error.issues);
    const keysAt = (at: readonly PropertyKey[]) =>
      KEYS_BY_PATH[at.join('.')] ?? [];

    throw new ConfigError(
      issue === undefined
        ? `${file}: invalid settings.`
        : describeIssue(file, issue, input, keysAt),
    );
  }

  return { path: file, settings: resolvePaths(result.data, file) };
}

function readConfigText(file: string): string {
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    if (code === 'ENOENT') {
      throw new ConfigError(
        `Config file not found: ${file}. Check the --config path.`,
      );
    }

    if (code === 'EISDIR') {
      throw new ConfigError(
        `Cannot read config file ${file}: it is a folder. ` +
          'Pass a .json, .yaml or .yml file to --config.',
      );
    }

    throw new ConfigError(
      `Cannot read config file ${file} (${code}): ` +
        'check that the file exists and is readable.',
    );
  }
}

function parseJson(file: string, source: string): Record<string, unknown> {
  if (source.trim() === '') {
    throw emptyFile(file, '{"grid": {"trees": [100]}}');
  }

  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw new ConfigError(describeJsonError(file, error));
    }
    throw error;
  }

  return checkObject(file, value);
}

function parseYaml(file: string, source: string): Record<string, unknown> {
  const document = parseDocument(source);
  const [error] = document.errors;
  if (error !== undefined) {
    throw new ConfigError(describeYamlError(file, error));
  }

  const value: unknown = document.toJS();
  if (value === null || value === undefined) {
    throw emptyFile(file, 'grid: {trees: [100]}');
  }

  return checkObject(file, value);
}

function emptyFile(file: string, example: string): ConfigError {
  return new ConfigError(
    `${file}: the file has no settings. Add some, such as ${example}.`,
  );
}

function checkObject(file: string, value: unknown): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }

  const kind = Array.isArray(value) ? 'a list' : JSON.stringify(value);
  throw new ConfigError(
    `${file}: expected an object of settings at the top level, ` +
      `such as {"workers": 2}, got ${kind}.`,
  );
}

/** Resolves relative paths in the settings against the file's folder. */
function resolvePaths(settings: SweepConfig, file: string): SweepConfig {
  const folder = path.dirname(file);
  const resolve = (relative: string) =>
    path.isAbsolute(relative) ? relative : path.join(folder, relative);
  const { data, out, log } = settings;

  return {
    ...settings,
    ...(data && { data: { ...data, file: resolve(data.file) } }),
    ...(out !== undefined && { out: resolve(out) }),
    ...(log !== undefined && { log: resolve(log) }),
  };
}
