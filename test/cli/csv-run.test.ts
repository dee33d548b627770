import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import type { EventOf, RunEvent } from '../../source/state/events.js';
import { readEventLog } from '../../source/store/event-log-reader.js';

// The real program, built by `npm run build`, as a user would run it.
const main = path.resolve('dist/source/cli/main.js');
const smallSweep = [
  '--trees',
  '20',
  '--max-depth',
  '2',
  '--seeds',
  '1',
  '--plain',
];

function traintop(args: readonly string[]) {
  return spawnSync(process.execPath, [main, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
    timeout: 90_000,
  });
}

function temporaryFolder(): string {
  return mkdtempSync(path.join(tmpdir(), 'traintop-csv-'));
}

/** Flowers with string species, semicolons, CRLF line ends and a BOM. */
function writeFlowers(folder: string): string {
  const lines = ['length;width;colour;species'];
  const species = ['setosa', 'versicolor', 'virginica'];
  for (let row = 0; row < 90; row += 1) {
    const kind = row % 3;
    const length = (4 + kind * 1.5 + ((row * 7) % 10) / 10).toFixed(1);
    const width = (2 + kind * 0.5 + ((row * 3) % 10) / 20).toFixed(2);
    const colour = ['red', 'blue', 'white'][(row + kind) % 3];
    lines.push(`${length};${width};${colour};${species[kind]}`);
  }
  const file = path.join(folder, 'flowers.csv');
  writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);

  return file;
}

/** y = 2·a − b plus a little noise, with a many-valued numeric target. */
function writeLinear(folder: string): string {
  const lines = ['a,b,y'];
  for (let row = 0; row < 120; row += 1) {
    const a = (row * 37) % 50;
    const b = (row * 11) % 30;
    lines.push(`${a},${b},${(2 * a - b + ((row % 5) - 2) / 10).toFixed(1)}`);
  }
  const file = path.join(folder, 'linear.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);

  return file;
}

async function onlyRunEvents(out: string): Promise<RunEvent[]> {
  const [runId] = readdirSync(out);
  const log = await readEventLog(path.join(out, runId!, 'events.jsonl'));

  return [...log.events];
}

function finishedOf(events: readonly RunEvent[]) {
  return events.filter(
    (event): event is EventOf<'trial-finished'> =>
      event.kind === 'trial-finished',
  );
}

describe('traintop on a CSV file', () => {
  it('cross-validates a classifier on string classes', async () => {
    const folder = temporaryFolder();
    const out = path.join(folder, 'runs');
    const result = traintop([
      '--data',
      writeFlowers(folder),
      '--target',
      'species',
      '--cv',
      '3',
      '--out',
      out,
      ...smallSweep,
    ]);

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const events = await onlyRunEvents(out);
    const started = events[0] as EventOf<'run-started'>;
    expect(started.data).toMatchObject({
      dataset: 'csv',
      name: 'flowers.csv',
      task: 'classification',
      classNames: ['setosa', 'versicolor', 'virginica'],
      rowCount: 90,
      evaluation: { kind: 'cv', folds: 3 },
    });
    expect(started.data!.featureNames).toEqual([
      'length',
      'width',
      'colour=blue',
      'colour=red',
      'colour=white',
    ]);

    const finished = finishedOf(events);
    expect(finished.length).toBe(started.trials.length);
    for (const trial of finished) {
      expect(trial.foldTestScores).toHaveLength(3);
      expect(trial.metrics?.task).toBe('classification');
      if (trial.metrics?.task === 'classification') {
        const counted = trial.metrics.confusion.flat().reduce((a, b) => a + b);
        expect(counted).toBe(90);
      }
    }
    expect(Math.max(...finished.map((trial) => trial.testScore))).toBe(1);
  });

  it('fits a regression forest to a numeric target', async () => {
    const folder = temporaryFolder();
    const out = path.join(folder, 'runs');
    const result = traintop([
      '--data',
      writeLinear(folder),
      '--target',
      'y',
      '--out',
      out,
      ...smallSweep,
      '--max-depth',
      '6',
    ]);

    expect(result.status).toBe(0);
    const events = await onlyRunEvents(out);
    const started = events[0] as EventOf<'run-started'>;
    expect(started.data?.task).toBe('regression');
    expect(started.job).toBe('linear.csv random forest regression');
    const finished = finishedOf(events);
    const best = Math.max(...finished.map((trial) => trial.testScore));
    expect(best).toBeGreaterThan(0.8);
    for (const trial of finished) {
      expect(trial.metrics?.task).toBe('regression');
    }
    expect(result.stdout).toContain('R²');

    const exported = traintop([
      'export',
      readdirSync(out)[0]!,
      '--out',
      out,
      '--format',
      'csv',
    ]);
    expect(exported.stdout.split('\r\n')[0]).toContain('testRmse');
  });

  it('rejects a bad file in one line and stores nothing', () => {
    const folder = temporaryFolder();
    const out = path.join(folder, 'runs');
    const file = path.join(folder, 'ragged.csv');
    writeFileSync(file, 'a,b,label\n1,2,x\n3,4\n5,6,y\n');

    const result = traintop([
      '--data',
      file,
      '--target',
      'label',
      '--out',
      out,
      '--plain',
    ]);

    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('ragged.csv');
    expect(result.stderr).toMatch(/line 3\b/i);
    expect(result.stderr).not.toContain('    at ');
    expect(existsSync(out)).toBe(false);
  });

  it('rejects an unwritable log before making a run folder', () => {
    const folder = temporaryFolder();
    const out = path.join(folder, 'runs');
    const notAFolder = path.join(folder, 'plain-file');
    writeFileSync(notAFolder, '');

    const result = traintop([
      '--out',
      out,
      '--log',
      path.join(notAFolder, 'traintop.log'),
      ...smallSweep,
    ]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Cannot write the log file');
    expect(existsSync(out)).toBe(false);
  });

  it('trains every trial of a four-row file', async () => {
    const folder = temporaryFolder();
    const out = path.join(folder, 'runs');
    const file = path.join(folder, 'tiny.csv');
    writeFileSync(file, 'a,b,y\n1,2,A\n3,4,B\n5,6,A\n7,8,B\n');

    const result = traintop([
      '--data',
      file,
      '--target',
      'y',
      '--cv',
      '3',
      '--out',
      out,
      ...smallSweep,
    ]);

    expect(result.status).toBe(0);
    const events = await onlyRunEvents(out);
    expect(events.some((event) => event.kind === 'trial-failed')).toBe(false);
    expect(finishedOf(events)).toHaveLength(2);
  });

  it('resumes a killed CSV run only while its file is unchanged', async () => {
    const folder = temporaryFolder();
    const out = path.join(folder, 'runs');
    const file = writeFlowers(folder);
    const args = [
      main,
      '--data',
      file,
      '--target',
      'species',
      '--trees',
      '300',
      '--chunk',
      '5',
      '--max-features',
      '1,2',
      '--max-depth',
      '1,2',
      '--seeds',
      '1',
      '--workers',
      '1',
      '--out',
      out,
      '--plain',
    ];
    const child = spawn(process.execPath, args, { stdio: 'pipe' });
    // The store writes the event log in batches, so the kill waits until
    // a finished trial is on disk, not only on stdout.
    const runId = await waitForStoredEvent(out, 'trial-finished');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));

    const original = readFileSync(file);
    appendFileSync(file, '5.0;3.0;red;setosa\r\n');
    const changed = traintop(['resume', runId, '--out', out, '--plain']);
    expect(changed.status).toBe(2);
    expect(changed.stderr).toContain('changed since the run started');

    writeFileSync(file, original);
    const resumed = traintop(['resume', runId, '--out', out, '--plain']);
    expect(resumed.stderr).toBe('');
    expect(resumed.status).toBe(0);
    const events = await onlyRunEvents(out);
    const finishedIds = finishedOf(events).map((event) => event.trialId);
    expect(finishedIds).toHaveLength(4);
    expect(new Set(finishedIds).size).toBe(4);
  });
});

/** Waits until the only run under `out` has logged an event of `kind`. */
async function waitForStoredEvent(out: string, kind: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const [runId] = existsSync(out) ? readdirSync(out) : [];
    const eventsFile = path.join(out, runId ?? '', 'events.jsonl');
    if (
      runId !== undefined &&
      existsSync(eventsFile) &&
      readFileSync(eventsFile, 'utf8').includes(`"kind":"${kind}"`)
    ) {
      return runId;
    }
    if (Date.now() > deadline) {
      throw new Error(`No ${kind} event logged under ${out}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
