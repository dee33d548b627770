import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { EXIT_ALERT } from '../../source/cli/exit-codes.js';
import { readEventLog } from '../../source/store/event-log-reader.js';

// The real program, built by `npm run build`, as a user would run it.
const main = path.resolve('dist/source/cli/main.js');
const shortSweep = [
  '--trees',
  '20',
  '--max-depth',
  '3',
  '--max-features',
  '1,2',
  '--seeds',
  '1',
  '--plain',
  '--fail-on-alert',
];

async function traintop(args: readonly string[]) {
  const out = mkdtempSync(path.join(tmpdir(), 'traintop-alerts-'));
  const result = spawnSync(process.execPath, [main, ...args, '--out', out], {
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
    timeout: 90_000,
  });
  const [runFolder] = readdirSync(out);
  const log = await readEventLog(
    path.join(out, runFolder ?? '', 'events.jsonl'),
  );

  return { ...result, events: log.events };
}

describe('alerts in a real run', () => {
  it('fails the run on an overfitting alert', async () => {
    const run = await traintop([...shortSweep, '--alert-gap', '0.0001']);
    const raised = run.events.filter((event) => event.kind === 'alert-raised');

    expect(run.stderr).toBe('');
    expect(run.status).toBe(EXIT_ALERT);
    expect(raised.length).toBeGreaterThan(0);
    expect(raised[0]).toMatchObject({ rule: 'overfitting' });
    expect(run.stdout).toMatch(/^alert overfitting {2}t\d+ train acc /m);
    expect(run.stdout).toMatch(/^Alerts: \d+ raised \(\d+ overfitting\)/m);
  });

  it('raises nothing on a short sweep by default', async () => {
    const run = await traintop(shortSweep);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Trials: 2 finished');
    expect(run.events.some((event) => event.kind === 'alert-raised')).toBe(
      false,
    );
    expect(run.stdout).not.toMatch(/^alert /m);
    expect(run.stdout).not.toContain('Alerts:');
  });
});
