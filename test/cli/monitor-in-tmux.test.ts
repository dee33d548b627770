import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { hasRedisServer, RedisServer } from '../queue/redis-server.js';
import { testPrefix } from '../queue/test-redis.js';
import { WorkerProcess } from '../queue/worker-process.js';

// The real program in a real terminal: tmux gives it a pty of a fixed size,
// takes keys and returns the screen.
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const socket = `traintop-test-${process.pid}`;
const main = path.resolve('dist/source/cli/main.js');

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
}

function screen(): string {
  return tmux('capture-pane', '-p', '-t', 'run');
}

async function waitForScreen(
  condition: (text: string) => boolean,
  timeoutMs = 10_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen();
    if (condition(text)) {
      return text;
    }
    if (Date.now() > deadline) {
      throw new Error(`Screen never matched; last screen:\n${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function startInTmux(flags: string, columns = 80, rows = 24) {
  const folder = mkdtempSync(path.join(tmpdir(), 'traintop-tmux-'));
  const exitFile = path.join(folder, 'exit-code');
  const command =
    `unset NODE_ENV; echo before-traintop; node ${main} ${flags} --out ${folder}/runs; ` +
    `echo $? > ${exitFile}; sleep 60`;
  tmux(
    'new-session',
    '-d',
    '-s',
    'run',
    '-x',
    String(columns),
    '-y',
    String(rows),
    command,
  );

  return { exitFile };
}

afterEach(() => {
  spawnSync('tmux', ['-L', socket, 'kill-server']);
});

describe.skipIf(!hasTmux)('the monitor in tmux', () => {
  it('pauses, resizes and quits with a summary', async () => {
    const { exitFile } = startInTmux('--workers 2 --trees 100000 --seeds 1');
    const first = await waitForScreen((text) => text.includes('running'));
    expect(first).toContain('Workers');
    expect(first).not.toContain('before-traintop');

    tmux('send-keys', '-t', 'run', 'space');
    await waitForScreen((text) => text.includes('paused'));

    tmux('send-keys', '-t', 'run', '+');
    await waitForScreen((text) => text.includes('pool 3 of'));

    tmux('send-keys', '-t', 'run', 'q');
    const after = await waitForScreen((text) => text.includes('stopped'));
    expect(after).toContain('before-traintop');
    await waitForScreen(() => readExitCode(exitFile) !== null);
    expect(readExitCode(exitFile)).toBe(0);
  });

  it('opens a finished trial of a CSV run with its confusion matrix', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'traintop-tmux-data-'));
    const file = path.join(folder, 'flowers.csv');
    const rows = ['length,width,species'];
    for (let row = 0; row < 60; row += 1) {
      const kind = row % 3;
      rows.push(
        `${kind * 2 + (row % 7) / 10},${kind + (row % 5) / 10},${['setosa', 'versicolor', 'virginica'][kind]}`,
      );
    }
    writeFileSync(file, `${rows.join('\n')}\n`);
    // Trials of 20 trees finish at once; those of 100,000 keep the run going.
    const { exitFile } = startInTmux(
      `--data ${file} --target species --cv 3 --trees 20,100000 ` +
        '--max-features 1 --max-depth 2 --seeds 1 --workers 1',
    );
    await waitForScreen((text) => text.includes('Enter details'));

    tmux('send-keys', '-t', 'run', 'Down');
    tmux('send-keys', '-t', 'run', 'Enter');
    const detail = await waitForScreen((text) =>
      text.includes('confusion matrix'),
    );
    expect(detail).toContain('Trial t1');
    expect(detail).toContain('3-fold CV');
    expect(detail).toMatch(/setosa\s+versicolor\s+virginica/);

    tmux('send-keys', '-t', 'run', 'Escape');
    await waitForScreen((text) => text.includes('Workers'));

    tmux('send-keys', '-t', 'run', 'q');
    await waitForScreen(() => readExitCode(exitFile) !== null);
    expect(readExitCode(exitFile)).toBe(0);
  });

  it.skipIf(!hasRedisServer)(
    'shows the workers of a queued run by host and resizes one',
    async () => {
      const server = await RedisServer.start();
      const prefix = testPrefix('tmux');
      const folder = mkdtempSync(path.join(tmpdir(), 'traintop-tmux-queue-'));
      const worker = await WorkerProcess.start({
        url: server.url,
        prefix,
        threads: 1,
        tickMs: 200,
        logFile: path.join(folder, 'worker.log'),
      });
      try {
        const { exitFile } = startInTmux(
          `--redis ${server.url} --prefix ${prefix} --trees 100000 --seeds 1`,
        );
        const first = await waitForScreen((text) => text.includes('1/1 busy'));
        expect(first).toContain('pool 1 thread on 1 host');

        tmux('send-keys', '-t', 'run', 'Tab');
        tmux('send-keys', '-t', 'run', '+');
        const grown = await waitForScreen((text) => text.includes('2/2 busy'));
        expect(grown).toContain('pool 2 threads on 1 host');
        expect(grown).toMatch(/w2\s+running/);

        tmux('send-keys', '-t', 'run', 'p');
        await waitForScreen((text) => text.includes('2 paused'));

        tmux('send-keys', '-t', 'run', 'q');
        await waitForScreen(() => readExitCode(exitFile) !== null);
        expect(readExitCode(exitFile)).toBe(0);
        expect(worker.hasExited).toBe(false);
      } finally {
        await worker.dispose();
        await server.stop();
      }
    },
    60_000,
  );

  it('keeps every line within a narrow terminal', async () => {
    startInTmux('--trees 100000 --seeds 1', 50, 12);
    const text = await waitForScreen((frame) => frame.includes('running'));

    for (const line of text.split('\n')) {
      expect(line.length).toBeLessThanOrEqual(50);
    }
  });
});

function readExitCode(file: string): number | null {
  try {
    return Number(readFileSync(file, 'utf8').trim());
  } catch {
    return null;
  }
}
