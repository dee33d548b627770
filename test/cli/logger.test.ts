import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { openLogFile } from '../../source/cli/logger.js';

describe('openLogFile', () => {
  it('writes levelled JSON lines to the file', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'traintop-log-'));
    const file = path.join(folder, 'nested', 'traintop.log');
    const log = openLogFile(file);
    await new Promise((resolve) => setTimeout(resolve, 50));

    log.logger.info({ runId: 'r1' }, 'run started');
    log.flush();

    const line = JSON.parse(readFileSync(file, 'utf8').trim());
    expect(line).toMatchObject({ level: 30, runId: 'r1', msg: 'run started' });
    expect(log.failure()).toBeNull();
  });

  // /dev/full fails every write with ENOSPC, like a full disk.
  it.skipIf(!existsSync('/dev/full'))(
    'goes quiet instead of hanging when writes fail',
    async () => {
      const log = openLogFile('/dev/full');

      log.logger.info('first line');
      await new Promise((resolve) => setTimeout(resolve, 100));
      log.logger.info('after the failure');
      log.flush();

      expect(log.failure()?.message).toContain('ENOSPC');
      expect(log.logger.level).toBe('silent');
    },
  );
});
