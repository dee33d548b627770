import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

const main = path.resolve('dist/source/cli/main.js');
const env = { ...process.env, NODE_ENV: 'production' };

async function waitForRunFolder(out: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [runId] = existsSync(out) ? readdirSync(out) : [];
    if (runId && existsSync(path.join(out, runId, 'events.jsonl'))) {
      return runId;
    }
    if (Date.now() > deadline) {
      throw new Error(`No run folder appeared in ${out}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('traintop watch', () => {
  it('follows a run in another process to its end', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'traintop-watch-'));
    const sweep = ['--trees', '400', '--max-features', '1,2', '--seeds', '1'];
    const runner = spawn(
      process.execPath,
      [main, '--plain', ...sweep, '--out', out],
      { env, stdio: 'ignore' },
    );
    const runnerExit = new Promise((resolve) => runner.on('exit', resolve));
    const runId = await waitForRunFolder(out);

    const watched = spawnSync(
      process.execPath,
      [main, 'watch', runId, '--out', out],
      {
        encoding: 'utf8',
        env,
        timeout: 60_000,
      },
    );

    expect(await runnerExit).toBe(0);
    expect(watched.status).toBe(0);
    const finished = watched.stdout
      .split('\n')
      .filter((line) => line.startsWith('finished '));
    expect(finished).toHaveLength(2 * 4);
    expect(watched.stdout).toContain('completed');
  });

  it('says when the process running it died', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'traintop-watch-'));
    const runner = spawn(
      process.execPath,
      [main, '--plain', '--trees', '100000', '--seeds', '1', '--out', out],
      { env, stdio: 'ignore' },
    );
    const runId = await waitForRunFolder(out);
    runner.kill('SIGKILL');
    await new Promise((resolve) => runner.on('exit', resolve));

    const watched = spawnSync(
      process.execPath,
      [main, 'watch', runId, '--out', out],
      {
        encoding: 'utf8',
        env,
        timeout: 30_000,
      },
    );

    expect(watched.status).toBe(0);
    expect(watched.stdout).toContain('the process running it is gone');
  });
});
