import { afterEach, describe, expect, it } from 'vitest';

import { readCast, replayScreen, trimScreen } from './cast-file.js';
import { hasTmux, sleep, TmuxSession } from './tmux-session.js';

// A run that keeps going until it is stopped, paced so it leaves the CPU
// mostly idle, on one worker.
const LONG_RUN =
  '--workers 1 --trees 100000 --seeds 1 --max-features 1 --max-depth 2 ' +
  '--pace 100';

/** Stops that may land between a terminal write and its cast line. */
const FROZEN_FRAME_ATTEMPTS = 5;
/** Time for tmux to draw what the stopped process last wrote, in ms. */
const SETTLE_MS = 300;

const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h';
const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';

let session: TmuxSession | null = null;

/** True once a worker trains, past the first frames of an empty pool. */
function isTraining(screen: string): boolean {
  return /w1\s+running t1/.test(screen) && screen.includes('cpu');
}

function startSession(name: string, columns = 80, rows = 24): TmuxSession {
  session = new TmuxSession(name);
  session.start(LONG_RUN, columns, rows);

  return session;
}

afterEach(() => {
  session?.dispose();
  session = null;
});

/**
 * Stops traintop with SIGSTOP, so that neither the screen nor the cast
 * changes, and returns what tmux shows next to the replayed cast. A stop
 * can fall between a frame's terminal write and its cast line, so a
 * mismatch is tried again a few times before it is returned.
 */
async function captureFrozenFrame(target: TmuxSession, pid: number) {
  let screen: string[] = [];
  let replayed: string[] = [];
  for (let attempt = 0; attempt < FROZEN_FRAME_ATTEMPTS; attempt++) {
    process.kill(pid, 'SIGSTOP');
    try {
      await sleep(SETTLE_MS);
      screen = trimScreen(target.screen());
      replayed = await replayScreen(readCast(target.castFile));
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    if (screen.join('\n') === replayed.join('\n')) {
      break;
    }
    await sleep(SETTLE_MS);
  }

  return { screen, replayed };
}

describe.skipIf(!hasTmux)('--record in tmux', () => {
  it('replays to the frame that tmux shows', async () => {
    const target = startSession('frame');
    await target.waitForScreen(isTraining);
    const pid = await target.processId();
    // Long enough for many frames of changed cells after the first.
    await sleep(1_500);

    const { screen, replayed } = await captureFrozenFrame(target, pid);
    expect(screen.join('\n')).toMatch(/w1\s+running t1/);
    expect(replayed).toEqual(screen);

    target.sendKeys('q');
    expect(await target.exitCode()).toBe(0);
    const cast = readCast(target.castFile);
    expect(cast.header).toMatchObject({ version: 2, width: 80, height: 24 });
    expect(cast.header.title).toMatch(/^traintop run \d{8}T\d{6}-\d+$/);
    expect(cast.events[0]![2]).toContain(ENTER_ALTERNATE_SCREEN);
    expect(cast.events.at(-1)![2]).toContain(LEAVE_ALTERNATE_SCREEN);
  });

  it('records a resize as an r event', async () => {
    const target = startSession('resize');
    await target.waitForScreen(isTraining);
    const pid = await target.processId();

    target.resize(100, 30);
    await target.waitForScreen((text) =>
      text.split('\n').some((line) => line.length === 100),
    );
    const { screen, replayed } = await captureFrozenFrame(target, pid);
    expect(replayed).toEqual(screen);

    const resizes = readCast(target.castFile).events.filter(
      ([, code]) => code === 'r',
    );
    expect(resizes.at(-1)?.[2]).toBe('100x30');
  });

  it('leaves a valid cast after SIGKILL', async () => {
    const target = startSession('kill');
    await target.waitForScreen(isTraining);
    const pid = await target.processId();
    await sleep(1_000);

    process.kill(pid, 'SIGKILL');
    expect(await target.exitCode()).toBe(128 + 9);

    const cast = readCast(target.castFile);
    expect(cast.header).toMatchObject({ width: 80, height: 24 });
    expect(cast.events.length).toBeGreaterThan(1);
    expect(cast.events.at(-1)![2]).not.toContain(LEAVE_ALTERNATE_SCREEN);
  });
});
