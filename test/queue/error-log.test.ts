import { describe, expect, it } from 'vitest';

import { ErrorLog, REPEAT_LOG_MS } from '../../source/queue/error-log.js';

type Line = { fields: Record<string, unknown>; message: string };

function createLog() {
  const lines: Line[] = [];
  let nowMs = 0;
  const logger = {
    info: () => {},
    warn: (fields: object, message: string) => {
      lines.push({ fields: fields as Line['fields'], message });
    },
    error: () => {},
  };
  const log = new ErrorLog(logger, () => nowMs);

  return { log, lines, advance: (ms: number) => (nowMs += ms) };
}

describe('ErrorLog', () => {
  it('logs the first error with its context', () => {
    const { log, lines } = createLog();
    const error = new Error('connect ECONNREFUSED');
    log.warn('Redis connection', error, { runId: 'r1' });

    expect(lines).toHaveLength(1);
    expect(lines[0]!.message).toBe('Redis connection: connect ECONNREFUSED');
    expect(lines[0]!.fields).toEqual({ runId: 'r1', err: error });
  });

  it('counts repeats until the interval passed', () => {
    const { log, lines, advance } = createLog();
    log.warn('Redis connection', new Error('refused'));
    log.warn('Redis connection', new Error('refused'));
    log.warn('Redis connection', new Error('refused'));
    advance(REPEAT_LOG_MS);
    log.warn('Redis connection', new Error('refused'));

    expect(lines).toHaveLength(2);
    expect(lines[1]!.fields['repeats']).toBe(2);
  });

  it('logs another message at once', () => {
    const { log, lines } = createLog();
    log.warn('Redis connection', new Error('refused'));
    log.warn('Redis connection', new Error('timed out'));
    log.warn('tick', new Error('refused'));

    expect(lines).toHaveLength(3);
  });

  it('returns unlogged repeats on clear', () => {
    const { log, lines } = createLog();
    log.warn('Redis connection', new Error('refused'));
    log.warn('Redis connection', new Error('refused'));

    expect(log.clear('Redis connection')).toBe(1);
    log.warn('Redis connection', new Error('refused'));
    expect(lines).toHaveLength(2);
  });
});
