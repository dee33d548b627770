import { writeSync } from 'node:fs';
import { Writable } from 'node:stream';

import xterm from '@xterm/headless';

import { readGrid, type CellGrid } from './cell-grid.js';
import { diffGrids } from './grid-diff.js';

const CSI = '\u001B[';
const ENTER_SCREEN = `${CSI}?1049h${CSI}?25l`;
const LEAVE_SCREEN = `${CSI}0m${CSI}?25h${CSI}?1049l`;

/** The terminal that the monitor really draws on. */
export type TerminalStream = NodeJS.WritableStream & {
  readonly columns?: number;
  readonly rows?: number;
  /** File descriptor, for the last write when the process exits. */
  readonly fd?: number;
};

/** Receives a copy of everything sent to the terminal, such as a recording. */
export type TerminalRecorder = {
  /** Text sent to the terminal, escape sequences included. */
  writeOutput(text: string): void;
  /** The terminal's new size, in columns and rows. */
  writeResize(columns: number, rows: number): void;
};

/**
 * A stream for Ink to render into that sends the terminal only the cells
 * that changed. Ink's incremental mode rewrites each changed line from its
 * first changed cell to the end, and over SSH every byte costs. So this
 * keeps a copy of the screen in a headless xterm.js terminal and compares
 * each new screen with the one last sent. Then it writes just the cells
 * that differ.
 *
 * It owns the real terminal's alternate screen: `open` enters it and hides
 * the cursor, `close` restores both, and so does process exit if `close`
 * was never reached. A recorder given to `open` receives the same bytes as
 * the terminal, from the alternate-screen switch on, and each resize.
 */
export class DiffingOutput extends Writable {
  readonly isTTY = true;
  private readonly screen: InstanceType<typeof xterm.Terminal>;
  /** The grid the real terminal shows now, null before the first. */
  private terminalGrid: CellGrid | null = null;
  private isFlushQueued = false;
  private isOpen = false;
  private recorder: TerminalRecorder | null = null;

  constructor(private readonly terminal: TerminalStream) {
    super({ decodeStrings: false });
    this.screen = new xterm.Terminal({
      cols: this.columns,
      rows: this.rows,
      allowProposedApi: true,
      scrollback: 0,
      // Ink ends lines with \n alone; a terminal's line discipline turns
      // that into \r\n, so the copy must too.
      convertEol: true,
    });
    terminal.on('resize', this.onResize);
  }

  get columns(): number {
    return this.terminal.columns ?? 80;
  }

  get rows(): number {
    return this.terminal.rows ?? 24;
  }

  open(recorder: TerminalRecorder | null = null): void {
    this.isOpen = true;
    this.recorder = recorder;
    this.send(ENTER_SCREEN);
    process.once('exit', this.restoreOnExit);
  }

  /**
   * Resolves once everything written so far has reached the terminal. The
   * copy of the screen parses writes in the background, so the last frame
   * before a close would otherwise never be sent.
   */
  async drain(): Promise<void> {
    await new Promise<void>((resolve) => this.screen.write('', resolve));
    this.flush();
  }

  /** Leaves the alternate screen and shows the cursor again. */
  close(): void {
    this.terminal.off('resize', this.onResize);
    process.off('exit', this.restoreOnExit);
    if (this.isOpen) {
      this.isOpen = false;
      this.send(LEAVE_SCREEN);
    }
    this.recorder = null;
    this.screen.dispose();
  }

  override _write(
    chunk: Buffer | string,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    this.screen.write(chunk, () => this.queueFlush());
    callback();
  }

  /** Sends the changes once Ink's writes of one frame are all parsed. */
  private queueFlush(): void {
    if (this.isFlushQueued) {
      return;
    }

    this.isFlushQueued = true;
    setImmediate(() => {
      this.isFlushQueued = false;
      this.flush();
    });
  }

  private flush(): void {
    if (!this.isOpen) {
      return;
    }

    const grid = readGrid(this.screen);
    const changes = diffGrids(this.terminalGrid, grid);
    this.terminalGrid = grid;
    if (changes !== '') {
      this.send(changes);
    }
  }

  private send(text: string): void {
    this.terminal.write(text);
    this.recorder?.writeOutput(text);
  }

  private readonly onResize = () => {
    this.recorder?.writeResize(this.columns, this.rows);
    this.screen.resize(this.columns, this.rows);
    // The terminal reflows or clears on resize, so redraw every cell.
    this.terminalGrid = null;
    this.emit('resize');
  };

  private readonly restoreOnExit = () => {
    if (!this.isOpen || this.terminal.fd === undefined) {
      return;
    }

    this.isOpen = false;
    writeSync(this.terminal.fd, LEAVE_SCREEN);
    this.recorder?.writeOutput(LEAVE_SCREEN);
  };
}
