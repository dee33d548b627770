import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { reduceRunEvents } from '../../source/state/reducer.js';
import { createRunState } from '../../source/state/run-state.js';
import { readEventLog } from '../../source/store/event-log-reader.js';

const main = path.resolve('dist/source/cli/main.js');
const env = { ...process.env, NODE_ENV: 'production' };
const sweep = ['--trees', '500', '--max-features', '1,2', '--seeds', '1'];
const TRIALS = 2 * 4;

function eventsFile(out: string): string | null {
  const [runId] = existsSync(out) ? readdirSync(out) : [];
  const file = runId ? path.join(out, runId, 'events.jsonl') : null;

  return file && existsSync(file) ? file : null;
}

function countFinished(file: string): number {
  return readFileSync(file, 'utf8').split('"kind":"trial-finished"').length - 1;
}

/** Kills the process with SIGKILL once the log contains `finished` results. */
async function killAfter(child: ChildProcess, out: string, finished: number) {
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const file = eventsFile(out);
    if (file && countFinished(file) >= finished) {
      break;
    }
    if (Date.now() > deadline) {
      throw new Error(`Fewer than ${finished} trials finished in 30 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill('SIGKILL');
  await exited;
}

async function finalResults(out: string) {
  const { events } = await readEventLog(eventsFile(out)!);
  const state = reduceRunEvents(createRunState(), events);
  const results = Object.fromEntries(
    state.trialIds.map((id) => {
      const trial = state.trials[id]!;

      return [
        id,
        [trial.status, trial.trainScore, trial.testScore, trial.oobScore],
      ];
    }),
  );
  const finishedEvents = events.filter((e) => e.kind === 'trial-finished');

  return { state, results, finishedEvents };
}

const start = (args: readonly string[]) =>
  spawn(process.execPath, [main, ...args], { env, stdio: 'ignore' });

describe('traintop resume', () => {
  it('finishes a killed run with the results of an uninterrupted one', async () => {
    const straight = mkdtempSync(path.join(tmpdir(), 'traintop-straight-'));
    const done = spawnSync(
      process.execPath,
      [main, '--plain', ...sweep, '--out', straight],
      { env, timeout: 60_000 },
    );
    expect(done.status).toBe(0);

    const out = mkdtempSync(path.join(tmpdir(), 'traintop-killed-'));
    await killAfter(start(['--plain', ...sweep, '--out', out]), out, 2);
    const runId = readdirSync(out)[0]!;
    await killAfter(start(['resume', runId, '--plain', '--out', out]), out, 4);
    const resumed = spawnSync(
      process.execPath,
      [main, 'resume', runId, '--plain', '--out', out],
      { env, encoding: 'utf8', timeout: 60_000 },
    );
    expect(resumed.status).toBe(0);

    const expected = await finalResults(straight);
    const actual = await finalResults(out);
    expect(actual.state.finishReason).toBe('completed');
    expect(actual.results).toEqual(expected.results);
    const finishedIds = actual.finishedEvents.map((e) =>
      e.kind === 'trial-finished' ? e.trialId : '',
    );
    expect(new Set(finishedIds).size).toBe(TRIALS);
    expect(finishedIds).toHaveLength(TRIALS);
  });

  it('leaves a completed run as it is', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'traintop-done-'));
    spawnSync(process.execPath, [main, '--plain', ...sweep, '--out', out], {
      env,
      timeout: 60_000,
    });
    const runId = readdirSync(out)[0]!;
    const before = readFileSync(eventsFile(out)!, 'utf8');

    const result = spawnSync(
      process.execPath,
      [main, 'resume', runId, '--out', out],
      {
        env,
        encoding: 'utf8',
      },
    );

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('already completed');
    expect(readFileSync(eventsFile(out)!, 'utf8')).toBe(before);
  });

  it('refuses a database another process locks and changes nothing', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'traintop-locked-'));
    await killAfter(start(['--plain', ...sweep, '--out', out]), out, 1);
    const runId = readdirSync(out)[0]!;
    const file = eventsFile(out)!;
    const before = readFileSync(file, 'utf8');
    const locker = new Database(path.join(path.dirname(file), 'run.db'));
    locker.exec('BEGIN EXCLUSIVE');

    const result = spawnSync(
      process.execPath,
      [main, 'resume', runId, '--plain', '--out', out],
      { env, encoding: 'utf8' },
    );
    locker.exec('ROLLBACK');
    locker.close();

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('is locked by another process');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  // Root writes anywhere, so the check runs without the capability that
  // lets root ignore file permissions.
  const canDropOverride =
    process.getuid?.() === 0 && spawnSync('capsh', ['--help']).status === 0;

  it.skipIf(!canDropOverride)(
    'refuses a read-only run folder and changes nothing',
    async () => {
      const out = mkdtempSync(path.join(tmpdir(), 'traintop-readonly-'));
      await killAfter(start(['--plain', ...sweep, '--out', out]), out, 1);
      const runId = readdirSync(out)[0]!;
      const file = eventsFile(out)!;
      const before = readFileSync(file, 'utf8');
      chmodSync(path.dirname(file), 0o555);
      chmodSync(file, 0o444);

      const command = [process.execPath, main, 'resume', runId, '--out', out]
        .map((part) => `'${part}'`)
        .join(' ');
      const result = spawnSync(
        'capsh',
        ['--drop=cap_dac_override', '--', '-c', command],
        { env, encoding: 'utf8' },
      );
      chmodSync(path.dirname(file), 0o755);

      expect(result.status).toBe(2);
      expect(result.stderr).toContain('EACCES');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(readFileSync(file, 'utf8')).toBe(before);
    },
  );
});
