import { PassThrough } from 'node:stream';
import { expect, test } from 'vitest';
import { EventBus } from '../../source/state/event-bus.js';
import { createRunState } from '../../source/state/run-state.js';
import type { Controls } from '../../source/ui/controls.js';
import { renderMonitor } from '../../source/ui/render-monitor.js';
import { createSweepEvents } from './factories.js';

const controls: Controls = {
  togglePause: () => {},
  resize: () => {},
  quit: () => {},
};

function collect(stream: PassThrough): () => string {
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));

  return () => chunks.join('');
}

// A pipe is not a TTY, so Ink runs non-interactively. It draws no frames
// while mounted and writes the final one on unmount.
test('writes the final state on unmount', async () => {
  const stdout = new PassThrough();
  const output = collect(stdout);
  const bus = new EventBus();
  const instance = renderMonitor({
    bus,
    initialState: createRunState(),
    tickMs: 60_000,
    controls,
    isInteractive: false,
    stdout,
    stdin: new PassThrough(),
  });

  const events = createSweepEvents({
    trialCount: 6,
    workerCount: 2,
    finishedCount: 6,
  });
  for (const event of events) {
    bus.emit(event);
  }

  bus.emit({ kind: 'run-finished', at: Date.now(), reason: 'completed' });
  await instance.close();

  expect(output()).toContain('iris-rf');
  expect(output()).toContain('ETA done');
});
