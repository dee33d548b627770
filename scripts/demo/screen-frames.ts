import xterm from '@xterm/headless';
import type { IBufferCell } from '@xterm/headless';

import type { Asciicast, CastEvent } from './asciicast.js';
import { cellColors, type Rgb, type TerminalTheme } from './terminal-colors.js';

type Terminal = InstanceType<typeof xterm.Terminal>;

/** One cell of a screen, with its colours already resolved. */
export type ScreenCell = {
  /** Characters of the cell: ' ' when empty, '' after a wide character. */
  readonly text: string;
  /** Cells the character covers: 1, 2 for a wide one, 0 after a wide one. */
  readonly widthCells: number;
  readonly foreground: Rgb;
  readonly background: Rgb;
  readonly isBold: boolean;
  readonly isItalic: boolean;
  readonly isUnderline: boolean;
  readonly isStrikethrough: boolean;
};

/** The contents of a terminal screen at one moment, row by row. */
export type Screen = {
  readonly columns: number;
  readonly rows: number;
  readonly cells: readonly ScreenCell[];
};

/** A screen and how long it stays in the animation. */
export type TimedScreen = {
  readonly screen: Screen;
  /** Display time, in milliseconds of the animation. */
  readonly durationMs: number;
};

/** Settings that turn cast time into animation frames. */
export type FrameTiming = {
  /** Animation time between two snapshots, in milliseconds. */
  readonly frameIntervalMs: number;
  /** Cast time played per unit of animation time: 2 plays twice as fast. */
  readonly speed: number;
  /** Maximum display time of one frame, in ms, so idle stretches shrink. */
  readonly maxFrameMs: number;
  /** Display time of the last frame before the animation loops, in ms. */
  readonly endHoldMs: number;
  /**
   * Whether to stop at the first return from the alternate screen to the
   * main one, which is where a full-screen program such as a monitor exits.
   */
  readonly stopAtScreenExit: boolean;
};

/**
 * Plays a cast into a headless xterm.js terminal and takes a snapshot of
 * the screen every `frameIntervalMs` of animation time. A snapshot equal to
 * the one before is dropped, and the frame before it stays on screen for
 * that time too.
 */
export async function captureScreens(
  cast: Asciicast,
  timing: FrameTiming,
  theme: TerminalTheme,
): Promise<TimedScreen[]> {
  const terminal = new xterm.Terminal({
    cols: cast.columns,
    rows: cast.rows,
    allowProposedApi: true,
    scrollback: 0,
    // A recorder that takes a program's writes before the terminal's line
    // discipline keeps bare \n line ends, which a terminal shows as \r\n.
    convertEol: true,
  });
  const player = new CastPlayer(terminal, cast.events, timing.stopAtScreenExit);
  const castStepMs = timing.frameIntervalMs * timing.speed;
  const endMs = cast.events.at(-1)?.timeMs ?? 0;
  const snapshots: { screen: Screen; signature: string; sample: number }[] = [];

  try {
    for (let sample = 0; ; sample++) {
      const sampleTimeMs = sample * castStepMs;
      await player.playUntil(sampleTimeMs);
      const screen = readScreen(terminal, theme);
      const signature = screenSignature(screen);
      if (signature !== snapshots.at(-1)?.signature) {
        snapshots.push({ screen, signature, sample });
      }

      if (player.hasStopped || sampleTimeMs >= endMs) {
        break;
      }
    }
  } finally {
    terminal.dispose();
  }

  return snapshots.map(({ screen, sample }, index) => {
    const nextSample = snapshots[index + 1]?.sample;
    const durationMs =
      nextSample === undefined
        ? timing.endHoldMs
        : Math.min(
            (nextSample - sample) * timing.frameIntervalMs,
            timing.maxFrameMs,
          );

    return { screen, durationMs };
  });
}

/** Sequences that switch from the alternate screen back to the main one. */
const LEAVE_ALTERNATE_SCREEN = [
  '\u001B[?1049l',
  '\u001B[?1047l',
  '\u001B[?47l',
];

/**
 * Feeds a cast's events to a terminal in time order. With `stopAtScreenExit`
 * it stops just before output that leaves the alternate screen, so the
 * terminal keeps the program's last screen.
 */
class CastPlayer {
  private nextEvent = 0;
  /** Whether the player reached the alternate screen's exit. */
  hasStopped = false;

  constructor(
    private readonly terminal: Terminal,
    private readonly events: readonly CastEvent[],
    private readonly stopAtScreenExit: boolean,
  ) {}

  /** Plays every event up to `timeMs` and waits until it is parsed. */
  async playUntil(timeMs: number): Promise<void> {
    let pending = '';
    while (!this.hasStopped && this.nextEvent < this.events.length) {
      const event = this.events[this.nextEvent]!;
      if (event.timeMs > timeMs) {
        break;
      }

      this.nextEvent += 1;
      if (event.kind === 'resize') {
        // A resize applies at once, so the output before it must be
        // parsed first.
        await this.write(pending);
        pending = '';
        this.terminal.resize(event.columns, event.rows);
        continue;
      }

      const exitIndex = this.stopAtScreenExit ? findExit(event.data) : -1;
      if (exitIndex === -1) {
        pending += event.data;
        continue;
      }

      // Only a program that drew on the alternate screen exits from it.
      await this.write(pending + event.data.slice(0, exitIndex));
      pending = '';
      this.hasStopped = this.terminal.buffer.active.type === 'alternate';
      if (!this.hasStopped) {
        pending = event.data.slice(exitIndex);
      }
    }

    await this.write(pending);
  }

  private async write(data: string): Promise<void> {
    if (data === '') {
      return;
    }

    await new Promise<void>((resolve) => this.terminal.write(data, resolve));
  }
}

/** Returns where the first exit from the alternate screen starts, or -1. */
function findExit(data: string): number {
  const indices = LEAVE_ALTERNATE_SCREEN.map((sequence) =>
    data.indexOf(sequence),
  ).filter((index) => index !== -1);

  return indices.length === 0 ? -1 : Math.min(...indices);
}

/**
 * Copies the visible screen of a terminal, resolving every cell's colours.
 *
 * NOTE: the cursor is not copied, so a program that shows its cursor is
 * drawn without it. The monitor hides its cursor.
 */
export function readScreen(terminal: Terminal, theme: TerminalTheme): Screen {
  const { cols: columns, rows } = terminal;
  const buffer = terminal.buffer.active;
  const blank = blankCell(theme);
  const cells: ScreenCell[] = [];
  let cell: IBufferCell | undefined;

  for (let y = 0; y < rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    for (let x = 0; x < columns; x++) {
      cell = line?.getCell(x, cell);
      cells.push(cell ? screenCell(cell, theme) : blank);
    }
  }

  return { columns, rows, cells };
}

/** Returns an empty cell in the theme's default colours. */
export function blankCell(theme: TerminalTheme): ScreenCell {
  return {
    text: ' ',
    widthCells: 1,
    foreground: theme.foreground,
    background: theme.background,
    isBold: false,
    isItalic: false,
    isUnderline: false,
    isStrikethrough: false,
  };
}

/** Tells whether two cells are drawn the same. */
export function isSameCell(a: ScreenCell, b: ScreenCell): boolean {
  return (
    a.text === b.text &&
    a.widthCells === b.widthCells &&
    a.foreground === b.foreground &&
    a.background === b.background &&
    a.isBold === b.isBold &&
    a.isItalic === b.isItalic &&
    a.isUnderline === b.isUnderline &&
    a.isStrikethrough === b.isStrikethrough
  );
}

function screenCell(cell: IBufferCell, theme: TerminalTheme): ScreenCell {
  const widthCells = cell.getWidth();
  const { foreground, background } = cellColors(cell, theme);

  return {
    text: widthCells === 0 ? '' : cell.getChars() || ' ',
    widthCells,
    foreground,
    background,
    isBold: cell.isBold() !== 0,
    isItalic: cell.isItalic() !== 0,
    isUnderline: cell.isUnderline() !== 0,
    isStrikethrough: cell.isStrikethrough() !== 0,
  };
}

function screenSignature(screen: Screen): string {
  const parts = [`${screen.columns}x${screen.rows}`];
  for (const cell of screen.cells) {
    const flags =
      Number(cell.isBold) |
      (Number(cell.isItalic) << 1) |
      (Number(cell.isUnderline) << 2) |
      (Number(cell.isStrikethrough) << 3);
    parts.push(
      `${cell.text}\u0000${cell.widthCells}${cell.foreground},${cell.background},${flags}`,
    );
  }

  return parts.join('\u0001');
}
