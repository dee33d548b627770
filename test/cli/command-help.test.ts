import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

// The real program, built by `npm run build`, as a user would run it.
const main = path.resolve('dist/source/cli/main.js');

function traintop(args: readonly string[]) {
  return spawnSync(process.execPath, [main, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
    timeout: 30_000,
  });
}

/** Each command's arguments, as its help lists them. */
const ARGUMENTS = {
  runs: ['--out DIR'],
  show: ['RUN', '--out DIR'],
  analyze: ['RUN', '--out DIR', '--json'],
  report: ['RUN', '--out DIR', '--file FILE'],
  export: ['RUN', '--out DIR', '--format json|csv', '--table trials|chunks'],
  watch: ['RUN', '--out DIR', '--record FILE.cast'],
  resume: [
    'RUN',
    '--out DIR',
    '--plain',
    '--json',
    '--redis URL',
    '--prefix P',
    '--record FILE.cast',
  ],
  replay: ['RUN', '--out DIR', '--speed N', '--record FILE.cast'],
} as const;

/** Each command's usage, on one line. */
const USAGE: Record<keyof typeof ARGUMENTS, string> = {
  runs: 'traintop runs [--out DIR]',
  show: 'traintop show RUN [--out DIR]',
  analyze: 'traintop analyze RUN [--out DIR] [--json]',
  report: 'traintop report RUN [--out DIR] [--file FILE]',
  export:
    'traintop export RUN [--out DIR] [--format json|csv] ' +
    '[--table trials|chunks]',
  watch: 'traintop watch RUN [--out DIR] [--record FILE.cast]',
  resume:
    'traintop resume RUN [--out DIR] [--plain|--json] [--redis URL] ' +
    '[--prefix P] [--record FILE.cast]',
  replay: 'traintop replay RUN [--out DIR] [--speed N] [--record FILE.cast]',
};

const COMMANDS = Object.keys(ARGUMENTS) as (keyof typeof ARGUMENTS)[];

/** Joins wrapped lines, so usage reads the same however it wraps. */
function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

describe.each(COMMANDS)('traintop %s', (command) => {
  it.each(['--help', '-h'])('prints its help for %s', (flag) => {
    const result = traintop([command, flag]);

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const [usage = '', ...rest] = result.stdout.split('\n\n');
    expect(collapseSpaces(usage)).toBe(`usage: ${USAGE[command]}`);
    const lines = rest.join('\n').split('\n');
    for (const argument of [...ARGUMENTS[command], '-h, --help']) {
      const entry = lines.find((line) => line.startsWith(`  ${argument}  `));
      expect(entry, argument).toMatch(/ {2}\S+/);
    }
    for (const line of result.stdout.split('\n')) {
      expect(line.length, line).toBeLessThanOrEqual(80);
    }
  });

  it('prints its help next to bad arguments', () => {
    const result = traintop([command, '--bogus', 'a', 'b', '--help']);

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^usage: traintop ${command} `));
  });

  it('rejects an unknown option with its usage', () => {
    const result = traintop([command, '--x']);

    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `error: Unknown flag "--x" for traintop ${command}: ` +
        `usage: ${USAGE[command]}.\n`,
    );
  });
});

describe('traintop --help', () => {
  it('shows the usage of each command', () => {
    const result = traintop(['--help']);

    expect(result.status).toBe(0);
    const help = collapseSpaces(result.stdout);
    for (const command of COMMANDS) {
      expect(help).toContain(USAGE[command]);
    }
  });
});

describe('traintop runs --help', () => {
  it('takes no run', () => {
    const result = traintop(['runs', '--help']);

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('  --out DIR');
    expect(result.stdout).not.toMatch(/^ {2}RUN/m);
  });
});
