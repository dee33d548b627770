import { fork } from 'node:child_process';
import { once } from 'node:events';
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

import { parse } from 'csv-parse';
import { MersenneTwister19937, Random } from 'random-js';

import { loadCsv } from '../source/data/csv/load-csv.js';
import type { Comparison } from './comparison.js';

/** Peak memory of a load may be at most this many times the file size. */
const TARGET_MEMORY_RATIO = 5;

/** Speed a load should reach, in MB of CSV per second. */
const TARGET_MB_PER_SECOND = 50;

/**
 * Most time a whole load may take over csv-parse reading the same file with
 * no conversion: the parser sets the floor, and the rest is ours.
 */
const TARGET_PARSER_RATIO = 1.5;

/** Timed loads of each kind; the fastest counts, as other load only adds. */
const SPEED_ROUNDS = 3;

const ROW_COUNT = 100_000;
const FEATURE_COUNT = 49;
const CLASS_NAMES = ['alpha', 'beta', 'gamma'] as const;

/** Digits after the point of each feature value, about 8 bytes a field. */
const VALUE_DIGITS = 4;

const SEED = 1;
const BYTES_PER_KIB = 1024;
const BYTES_PER_MIB = 2 ** 20;
const BYTES_PER_MB = 1e6;
const MS_PER_SECOND = 1000;

/** This module's file, which the benchmark also runs as its child. */
const ENTRY = fileURLToPath(import.meta.url);

/** First argument of the child, which makes this module run a measurement. */
const CHILD_FLAG = '--csv-load-child';

/** `parse` runs csv-parse alone over the file, with no conversion. */
type ChildMode = 'idle' | 'load' | 'parse';

/** Result that a child process of this benchmark sends over IPC. */
type CsvLoadResult = {
  readonly fileBytes: number;
  /** Time to load the file, or 0 for the idle child. */
  readonly seconds: number;
  /** Peak resident set size of the child process, in bytes. */
  readonly maxRssBytes: number;
};

/**
 * Writes a CSV file of 100,000 rows (49 numeric features and a text class),
 * loads it with loadCsv in a child process, and compares the child's peak
 * memory, above that of an idle child, with the file size. The details
 * give the load's speed in MB/s.
 */
export async function measureCsvLoadMemory(): Promise<Comparison> {
  return withBenchFile(async (file) => {
    const idle = await runChild('idle', file);
    const load = await runChild('load', file);
    const growthBytes = load.maxRssBytes - idle.maxRssBytes;
    const toMib = (bytes: number) => bytes / BYTES_PER_MIB;
    const megabytes = load.fileBytes / BYTES_PER_MB;

    return {
      metric: 'CSV load, peak memory vs file size',
      a: { label: 'RSS growth', value: toMib(growthBytes), unit: 'MiB' },
      b: { label: 'file', value: toMib(load.fileBytes), unit: 'MiB' },
      target: { bound: 'at-most', ratio: TARGET_MEMORY_RATIO },
      details: [
        `${ROW_COUNT.toLocaleString('en-US')} rows x ` +
          `${FEATURE_COUNT + 1} columns, ${megabytes.toFixed(1)} MB in ` +
          `${load.seconds.toFixed(2)} s: ` +
          `${(megabytes / load.seconds).toFixed(1)} MB/s`,
        `max RSS ${toMib(load.maxRssBytes).toFixed(1)} MiB, idle child ` +
          `${toMib(idle.maxRssBytes).toFixed(1)} MiB`,
      ],
    };
  });
}

/**
 * Times loadCsv against csv-parse alone on the same file, in turns, each in
 * a fresh child process. The details give both speeds in MB/s, next to the
 * speed a load should reach.
 */
export async function measureCsvLoadSpeed(): Promise<Comparison> {
  return withBenchFile(async (file) => {
    const loads: CsvLoadResult[] = [];
    const parses: CsvLoadResult[] = [];
    for (let round = 0; round < SPEED_ROUNDS; round += 1) {
      parses.push(await runChild('parse', file));
      loads.push(await runChild('load', file));
    }

    const fastest = (results: readonly CsvLoadResult[]) =>
      Math.min(...results.map((result) => result.seconds));
    const megabytes = loads[0]!.fileBytes / BYTES_PER_MB;
    const speeds = (results: readonly CsvLoadResult[]) =>
      results
        .map((result) => (megabytes / result.seconds).toFixed(1))
        .join(', ');

    return {
      metric: 'CSV load time vs csv-parse alone',
      a: { label: 'loadCsv', value: fastest(loads), unit: 's' },
      b: { label: 'csv-parse', value: fastest(parses), unit: 's' },
      target: { bound: 'at-most', ratio: TARGET_PARSER_RATIO },
      details: [
        `loadCsv: ${speeds(loads)} MB/s (target ${TARGET_MB_PER_SECOND} MB/s)`,
        `csv-parse alone: ${speeds(parses)} MB/s`,
      ],
    };
  });
}

async function withBenchFile<T>(measure: (file: string) => Promise<T>) {
  const folder = mkdtempSync(path.join(tmpdir(), 'traintop-bench-csv-'));
  try {
    const file = path.join(folder, 'bench.csv');
    await writeBenchFile(file);

    return await measure(file);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function writeBenchFile(file: string): Promise<void> {
  const random = new Random(MersenneTwister19937.seed(SEED));
  const stream = createWriteStream(file);
  const featureNames = Array.from(
    { length: FEATURE_COUNT },
    (_, index) => `f${index + 1}`,
  );
  stream.write(`${[...featureNames, 'class'].join(',')}\n`);
  for (let row = 0; row < ROW_COUNT; row++) {
    const fields = featureNames.map(() =>
      random.real(-100, 100).toFixed(VALUE_DIGITS),
    );
    fields.push(random.pick(CLASS_NAMES));
    if (!stream.write(`${fields.join(',')}\n`)) {
      await once(stream, 'drain');
    }
  }

  stream.end();
  await once(stream, 'finish');
}

function runChild(mode: ChildMode, file: string) {
  const child = fork(ENTRY, [CHILD_FLAG, mode, file], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });

  return new Promise<CsvLoadResult>((resolve, reject) => {
    let result: CsvLoadResult | null = null;
    child.on('message', (message) => {
      result = message as CsvLoadResult;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (result !== null && code === 0) {
        resolve(result);

        return;
      }

      reject(
        new Error(
          `CSV load benchmark process ${ENTRY} failed: it exited with ` +
            `${signal ?? `code ${code}`} before sending its result.`,
        ),
      );
    });
  });
}

/**
 * Runs in the child: loads the file in `load` mode, then sends the peak
 * memory. The `idle` child imports the same modules and loads nothing, so
 * its memory is the baseline of Node.js and the loader.
 */
async function measureInChild(mode: ChildMode, file: string): Promise<void> {
  let seconds = 0;
  if (mode === 'parse') {
    const startMs = performance.now();
    await parseOnly(file);
    seconds = (performance.now() - startMs) / MS_PER_SECOND;
  }
  if (mode === 'load') {
    const startMs = performance.now();
    await loadCsv(file, {
      target: 'class',
      delimiter: null,
      drop: [],
      missing: 'error',
      task: null,
    });
    seconds = (performance.now() - startMs) / MS_PER_SECOND;
  }

  const result: CsvLoadResult = {
    fileBytes: statSync(file).size,
    seconds,
    maxRssBytes: process.resourceUsage().maxRSS * BYTES_PER_KIB,
  };
  process.send!(result, () => {
    process.disconnect();
  });
}

/** Reads the file through csv-parse and drops every record. */
async function parseOnly(file: string): Promise<void> {
  const parser = createReadStream(file).pipe(parse({ on_record: () => null }));
  parser.resume();
  await once(parser, 'end');
}

const [flag, childMode, childFile] = process.argv.slice(2);
if (flag === CHILD_FLAG && childFile !== undefined && process.send) {
  await measureInChild(childMode as ChildMode, childFile);
}
