// Entry of the memory benchmark's child process, which measureMonitorMemory
// forks with --expose-gc and which sends its HeapGrowth back over IPC. It
// picks React's production build before anything imports React, as the
// CLI's entry does.

if (typeof globalThis.gc !== 'function' || process.send === undefined) {
  process.stderr.write(
    'error: memory-child.js needs --expose-gc and an IPC channel: run it ' +
      'through npm run bench, not directly.\n',
  );
  process.exit(1);
}

process.env['NODE_ENV'] ??= 'production';

const collectGarbage = globalThis.gc;
const { measureHeapGrowth } = await import('./monitor-memory.js');
const growth = await measureHeapGrowth(() => void collectGarbage());
process.send(growth, () => {
  process.disconnect();
});
