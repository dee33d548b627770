import { describe, expect, it } from 'vitest';

import { redactUrl } from '../../source/queue/redact-url.js';

describe('redactUrl', () => {
  it.each([
    ['redis://:secret@host:6379/0', 'redis://:***@host:6379/0'],
    ['redis://alice:secret@host', 'redis://alice:***@host'],
    ['rediss://alice:secret@[::1]:6380/2', 'rediss://alice:***@[::1]:6380/2'],
    ['redis://:p%40ss%3Aword@host', 'redis://:***@host'],
    ['redis://:p@ss:word@host:6379', 'redis://:***@host:6379'],
    ['redis://:pa/ss#wo?rd@host/0', 'redis://:***@host/0'],
    ['redis://al@ice:secret@host', 'redis://al@ice:***@host'],
    ['redis://:secret@', 'redis://:***@'],
    ['redis://:secret@:6379/0', 'redis://:***@:6379/0'],
    ['http://alice:secret@host', 'http://alice:***@host'],
    ['alice:secret@host:6379', 'alice:***@host:6379'],
    ['redis://host?password=secret&db=1', 'redis://host?password=***&db=1'],
  ])('redacts %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it.each([
    'redis://host:6379/0',
    'redis://alice@host:6379/0',
    'redis://[::1]:6379',
    'localhost:6379',
    'not a url',
    '',
  ])('leaves %s unchanged', (url) => {
    expect(redactUrl(url)).toBe(url);
  });

  it('redacts a password spanning lines', () => {
    expect(redactUrl('redis://:sec\nret@host')).toBe('redis://:***@host');
  });
});
