import { EventEmitter } from 'node:events';

import xterm from '@xterm/headless';
import { afterEach, describe, expect, test } from 'vitest';

import { readGrid } from '../../../source/ui/screen/cell-grid.js';
import {
  DiffingOutput,
  type TerminalRecorder,
} from '../../../source/ui/screen/diffing-output.js';

type Screen = InstanceType<typeof xterm.Terminal>;

/**
 * A terminal for DiffingOutput to draw on. A second headless terminal
 * parses what it receives, in place of the user's terminal.
 */
class ViewerTerminal extends EventEmitter {
  columns = 30;
  rows = 4;
  bytes = 0;
  readonly screen: Screen = new xterm.Terminal({
    cols: 30,
    rows: 4,
    allowProposedApi: true,
  });
  private parsed = Promise.resolve();

  write(data: string): boolean {
    this.bytes += Buffer.byteLength(data);
    this.parsed = this.parsed.then(
      () => new Promise((resolve) => this.screen.write(data, resolve)),
    );

    return true;
  }

  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.screen.resize(columns, rows);
    this.emit('resize');
  }

  async settled(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await this.parsed;
  }
}

const CSI = '\u001B[';
let output: DiffingOutput | null = null;
let viewer: ViewerTerminal | null = null;

function open(recorder: TerminalRecorder | null = null) {
  viewer = new ViewerTerminal();
  output = new DiffingOutput(viewer as unknown as NodeJS.WriteStream);
  output.open(recorder);

  return { output, viewer };
}

/** A recorder that keeps what it receives, as a list of events. */
class ListRecorder implements TerminalRecorder {
  readonly events: string[] = [];

  writeOutput(text: string): void {
    this.events.push(text);
  }

  writeResize(columns: number, rows: number): void {
    this.events.push(`resize ${columns}x${rows}`);
  }
}

/** Writes a frame the way Ink does: home, then lines ended by \n alone. */
function frame(target: DiffingOutput, lines: readonly string[]) {
  target.write(`${CSI}H${CSI}2J${lines.join('\n')}`);
}

afterEach(() => {
  output?.close();
  viewer?.screen.dispose();
  output = null;
  viewer = null;
});

describe('DiffingOutput', () => {
  test('shows what was written', async () => {
    const { output, viewer } = open();

    frame(output, ['traintop', `${CSI}32mw1${CSI}0m running`]);
    await viewer.settled();

    const viewerGrid = readGrid(viewer.screen);
    expect(viewerGrid.chars.slice(0, 8).join('')).toBe('traintop');
    expect(viewerGrid.chars.slice(30, 40).join('')).toBe('w1 running');
    expect(viewerGrid.styles[30]).toBe('0;32');
    expect(viewerGrid.styles[33]).toBe('0');
  });

  test('keeps the viewer equal to the source over many frames', async () => {
    const { output, viewer } = open();
    const source: Screen = new xterm.Terminal({
      cols: 30,
      rows: 4,
      allowProposedApi: true,
    });

    for (let tick = 0; tick < 20; tick++) {
      const lines = [
        `elapsed ${tick}s`,
        `${CSI}3${tick % 7}m${'█'.repeat(tick % 12)}${CSI}0m ${tick * 5}%`,
        tick % 3 === 0 ? `${CSI}1mpaused${CSI}0m` : 'running',
      ];
      frame(output, lines);
      await new Promise<void>((resolve) =>
        source.write(`${CSI}H${CSI}2J${lines.join('\r\n')}`, resolve),
      );
      await viewer.settled();

      expect(readGrid(viewer.screen)).toEqual(readGrid(source));
    }
    source.dispose();
  });

  test('sends only changes after the first frame', async () => {
    const { output, viewer } = open();
    const lines = (tick: number) => ['a header that stays', `tick ${tick}`];
    frame(output, lines(0));
    await viewer.settled();
    const firstBytes = viewer.bytes;

    let frameBytes = 0;
    for (let tick = 1; tick <= 10; tick++) {
      frameBytes += lines(tick).join('\r\n').length;
      frame(output, lines(tick));
      await viewer.settled();
    }

    expect(viewer.bytes - firstBytes).toBeLessThan(frameBytes / 3);
  });

  test('redraws everything after a resize', async () => {
    const { output, viewer } = open();
    frame(output, ['left as it was']);
    await viewer.settled();

    viewer.resize(20, 3);
    frame(output, ['left as it was']);
    await viewer.settled();

    expect(output.columns).toBe(20);
    expect(readGrid(viewer.screen).chars.slice(0, 14).join('')).toBe(
      'left as it was',
    );
  });

  test('sends the last frame before it closes', async () => {
    const recorder = new ListRecorder();
    const opened = open(recorder);

    // Closed at once after the write, as when the run ends.
    frame(opened.output, ['48 done']);
    await opened.output.drain();
    opened.output.close();
    output = null;

    const sent = recorder.events.join('');
    expect(sent).toContain('48 done');
    expect(sent.indexOf('48 done')).toBeLessThan(
      sent.lastIndexOf(`${CSI}?1049l`),
    );
  });

  test('enters and leaves the alternate screen', async () => {
    const opened = open();
    await opened.viewer.settled();
    expect(opened.viewer.screen.buffer.active.type).toBe('alternate');

    opened.output.close();
    output = null;
    await opened.viewer.settled();
    expect(opened.viewer.screen.buffer.active.type).toBe('normal');
  });

  test('copies every byte sent to the recorder', async () => {
    const recorder = new ListRecorder();
    const opened = open(recorder);
    frame(opened.output, ['traintop', 'w1 running']);
    await opened.viewer.settled();
    frame(opened.output, ['traintop', 'w1 paused']);
    await opened.viewer.settled();

    opened.output.close();
    output = null;
    await opened.viewer.settled();
    const recorded = recorder.events.join('');
    expect(recorded.startsWith(`${CSI}?1049h`)).toBe(true);
    expect(recorded.endsWith(`${CSI}?1049l`)).toBe(true);
    expect(Buffer.byteLength(recorded)).toBe(opened.viewer.bytes);
  });

  test('records a resize before the redraw it causes', async () => {
    const recorder = new ListRecorder();
    const opened = open(recorder);
    frame(opened.output, ['before']);
    await opened.viewer.settled();

    opened.viewer.resize(20, 3);
    frame(opened.output, ['after']);
    await opened.viewer.settled();

    const resizeAt = recorder.events.indexOf('resize 20x3');
    expect(resizeAt).toBeGreaterThan(0);
    expect(recorder.events.slice(resizeAt + 1).join('')).toContain('after');
  });
});
