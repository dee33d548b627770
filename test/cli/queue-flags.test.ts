import { describe, expect, it } from 'vitest';

import { readQueueUrl } from '../../source/cli/queue-flags.js';

describe('readQueueUrl', () => {
  it('takes the password from TRAINTOP_REDIS_PASSWORD for a URL with none', () => {
    const env = { TRAINTOP_REDIS_PASSWORD: 'from-env' };

    expect(readQueueUrl('redis://db-host', undefined, env)).toMatchObject({
      target: { host: 'db-host', password: 'from-env' },
      prefix: 'traintop',
    });
  });

  it("keeps the URL's own password over the variable", () => {
    const env = { TRAINTOP_REDIS_PASSWORD: 'from-env' };

    expect(readQueueUrl('redis://:in-url@db-host', 'p', env)).toMatchObject({
      target: { password: 'in-url' },
      prefix: 'p',
    });
  });

  it('leaves the password out when neither has one', () => {
    const options = readQueueUrl('redis://db-host', undefined, {});

    if (typeof options === 'string') {
      throw new Error(options);
    }
    expect(options.target.host).toBe('db-host');
    expect(options.target.password).toBeUndefined();
  });
});
