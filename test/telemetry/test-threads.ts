import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

const threadCpuUrl = new URL(
  '../../source/telemetry/thread-cpu.ts',
  import.meta.url,
).href;

// The worker runs outside vitest, so Node loads the TypeScript source itself
// by stripping types. Its relative imports name `.js` files that exist only
// after a build, so the hook retries them as `.ts`.
const workerSource = `
const { registerHooks } = require('node:module');
const { parentPort, workerData } = require('node:worker_threads');

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!specifier.startsWith('.') || !specifier.endsWith('.js')) {
        throw error;
      }
      return nextResolve(specifier.slice(0, -3) + '.ts', context);
    }
  },
});

import(workerData.threadCpuUrl).then(({ readOwnThreadId }) => {
  parentPort.postMessage({ type: 'tid', tid: readOwnThreadId() });

  const endAt = Date.now() + workerData.busyMs;
  while (Date.now() < endAt) {
    // Spin: this thread should use a whole core.
  }
  parentPort.postMessage({ type: 'done' });

  // Sleep without using CPU until the test releases the thread.
  Atomics.wait(new Int32Array(workerData.release), 0, 0);
});
`;

type WorkerMessage =
  | { readonly type: 'tid'; readonly tid: number | null }
  | { readonly type: 'done' };

/** A real worker thread that spins for a while and then sleeps. */
export type TestThread = {
  /** Linux thread id as the worker read it, null off Linux. */
  readonly tid: number | null;
  /** Settles when the worker stops spinning. */
  readonly spun: Promise<void>;
  /** Wakes the sleeping worker and waits for it to exit; safe to repeat. */
  readonly release: () => Promise<void>;
};

/**
 * Starts a worker that reports its thread id, spins for `busyMs`, then sleeps
 * in Atomics.wait. With `busyMs` 0 it sleeps from the start.
 */
export async function startTestThread(busyMs: number): Promise<TestThread> {
  const release = new SharedArrayBuffer(4);
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { threadCpuUrl, busyMs, release },
  });
  const exited = once(worker, 'exit');
  const failed = once(worker, 'error').then(([error]) => {
    throw error;
  });

  const tid = await Promise.race([nextMessage(worker, 'tid'), failed]);
  const spun = Promise.race([nextMessage(worker, 'done'), failed]);

  return {
    tid: tid.tid,
    spun: spun.then(() => undefined),
    release: async () => {
      const flag = new Int32Array(release);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      await exited;
    },
  };
}

function nextMessage<T extends WorkerMessage['type']>(
  worker: Worker,
  type: T,
): Promise<Extract<WorkerMessage, { type: T }>> {
  return new Promise((resolve) => {
    const onMessage = (message: WorkerMessage) => {
      if (message.type === type) {
        worker.off('message', onMessage);
        resolve(message as Extract<WorkerMessage, { type: T }>);
      }
    };
    worker.on('message', onMessage);
  });
}
