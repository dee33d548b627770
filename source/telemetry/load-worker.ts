// Worker thread that reads CPU load through systeminformation. On Linux,
// systeminformation 5.33 currentLoad() runs `cat /proc/stat | grep cpu`
// through execSync, which blocked its thread for 3 to 30 ms on a 2-core VM,
// depending on load. Here it blocks this thread, not the one that draws.
import { parentPort } from 'node:worker_threads';

import { currentLoad } from 'systeminformation';

import type { LoadRequest, LoadResponse } from './load-messages.js';

parentPort?.on('message', (request: LoadRequest) => {
  void currentLoad().then(
    (load) => {
      reply({
        id: request.id,
        ok: true,
        cpuPercent: load.currentLoad,
        corePercents: load.cpus.map((core) => core.load),
      });
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      reply({ id: request.id, ok: false, error: message });
    },
  );
});

function reply(response: LoadResponse): void {
  parentPort?.postMessage(response);
}
