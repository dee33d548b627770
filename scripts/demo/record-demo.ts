import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseAsciicast } from './asciicast.js';
import {
  renderCastToGif,
  type CastGif,
  type GifOptions,
} from './cast-to-gif.js';
import { describeGif } from './render-cast.js';

/**
 * Records a real run of the default job in tmux and renders it as demo.gif
 * at the top of the repository. `npm run demo` builds first, then runs
 * this file from dist/.
 */

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const MAIN = path.join(ROOT, 'dist/source/cli/main.js');
const GIF_PATH = path.join(ROOT, 'demo.gif');

const COLUMNS = 100;
const ROWS = 30;

/**
 * Flags of the recorded run: the default job with one seed per parameter
 * combination (48 trials) on two workers, seeded so that every recording
 * trains the same trials. A pause after each chunk of trees lets the eye
 * follow the bars, and brings the run to about half a minute.
 */
const RUN_FLAGS = [
  ['--seed', '7'],
  ['--seeds', '1'],
  ['--workers', '2'],
  ['--pace', '6'],
].flat();

/** Time after which the run is stopped with `q` if it has not ended. */
const MAX_RUN_MS = 150_000;
/** Time the program gets to stop and exit after `q`. */
const QUIT_GRACE_MS = 20_000;
const POLL_INTERVAL_MS = 500;

/**
 * Maximum time the recorded run plays in the GIF, in ms. A longer run, as
 * on a busy machine, plays faster to fit, so the GIF with its final hold
 * stays within 40 seconds.
 */
const MAX_PLAY_MS = 34_000;

const GIF_OPTIONS: Partial<GifOptions> = {
  // The monitor redraws every 250 ms: snapshots 50 ms apart show each
  // redraw at its own time, and equal snapshots are dropped.
  frameIntervalMs: 50,
  maxFrameMs: 1000,
  endHoldMs: 4000,
  // The monitor's last screen ends the GIF, not the shell after it.
  stopAtScreenExit: true,
};

/** Maximum size of the GIF, in bytes, so that the README stays light. */
const MAX_GIF_BYTES = 3_000_000;

async function main(): Promise<number> {
  const startMs = Date.now();
  const folder = mkdtempSync(path.join(tmpdir(), 'traintop-demo-'));
  const castPath = path.join(folder, 'demo.cast');
  try {
    const exitCode = await recordRun(folder, castPath);
    if (exitCode !== 0) {
      process.stderr.write(
        `error: the recorded run exited with code ${exitCode}; its run folder is under ${folder}.\n`,
      );

      return 1;
    }

    if (!existsSync(castPath)) {
      process.stderr.write(
        `error: the run wrote no recording to ${castPath}: does traintop take --record?\n`,
      );

      return 1;
    }

    const gif = await renderDemo(castPath);
    const seconds = ((Date.now() - startMs) / 1000).toFixed(0);
    process.stdout.write(`${describeGif(GIF_PATH, gif)}; took ${seconds} s\n`);
    if (gif.bytes.length > MAX_GIF_BYTES) {
      process.stderr.write(
        `error: ${GIF_PATH} is ${gif.bytes.length} bytes, above ${MAX_GIF_BYTES}: raise the frame interval or shorten the run.\n`,
      );

      return 1;
    }

    rmSync(folder, { recursive: true, force: true });

    return 0;
  } catch (error) {
    process.stderr.write(`note: the recording is kept in ${folder}\n`);
    throw error;
  }
}

/**
 * Renders the recording to GIF_PATH, at the speed that fits it in
 * MAX_PLAY_MS.
 */
async function renderDemo(castPath: string): Promise<CastGif> {
  const cast = parseAsciicast(readFileSync(castPath, 'utf8'));
  const castMs = cast.events.at(-1)?.timeMs ?? 0;
  const speed = Math.max(1, castMs / MAX_PLAY_MS);
  if (speed > 1) {
    process.stdout.write(
      `The run took ${(castMs / 1000).toFixed(1)} s: playing it ${speed.toFixed(2)}x as fast.\n`,
    );
  }

  const gif = await renderCastToGif(cast, { ...GIF_OPTIONS, speed });
  writeFileSync(GIF_PATH, gif.bytes);

  return gif;
}

/**
 * Runs traintop with --record in a tmux session of COLUMNS × ROWS on a
 * private socket, waits until it exits or presses `q` after MAX_RUN_MS,
 * and returns its exit code. The tmux server is killed in every case.
 */
async function recordRun(folder: string, castPath: string): Promise<number> {
  // A socket of its own, in the folder, keeps the user's tmux out of it
  // and goes away with the folder.
  const socket = path.join(folder, 'tmux.sock');
  const exitFile = path.join(folder, 'exit-code');
  const run = [
    process.execPath,
    MAIN,
    ...RUN_FLAGS,
    '--record',
    castPath,
    '--out',
    path.join(folder, 'runs'),
  ];
  const command = `${run.map(shellQuote).join(' ')}; echo $? > ${shellQuote(exitFile)}`;
  const tmux = (...args: string[]) =>
    execFileSync('tmux', ['-S', socket, '-f', '/dev/null', ...args], {
      encoding: 'utf8',
    });

  process.stdout.write(
    `Recording traintop ${RUN_FLAGS.join(' ')} at ${COLUMNS}x${ROWS}...\n`,
  );
  try {
    tmux(
      'new-session',
      '-d',
      '-s',
      'demo',
      '-x',
      String(COLUMNS),
      '-y',
      String(ROWS),
      command,
    );
    const deadline = Date.now() + MAX_RUN_MS;
    let exitCode = await waitForExit(exitFile, deadline);
    if (exitCode === null) {
      process.stdout.write('The run is still going: stopping it with q.\n');
      tmux('send-keys', '-t', 'demo', 'q');
      exitCode = await waitForExit(exitFile, Date.now() + QUIT_GRACE_MS);
    }

    if (exitCode === null) {
      throw new Error(
        `traintop did not exit within ${QUIT_GRACE_MS} ms of q; its files are in ${folder}.`,
      );
    }

    return exitCode;
  } finally {
    spawnSync('tmux', ['-S', socket, 'kill-server']);
  }
}

/** Waits for the exit code file and returns the code, or null at the deadline. */
async function waitForExit(
  exitFile: string,
  deadline: number,
): Promise<number | null> {
  while (Date.now() < deadline) {
    if (existsSync(exitFile)) {
      const text = readFileSync(exitFile, 'utf8').trim();
      if (text !== '') {
        return Number(text);
      }
    }

    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }

  return null;
}

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(
    `error: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
}
