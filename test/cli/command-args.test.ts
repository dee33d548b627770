import { describe, expect, it } from 'vitest';

import { readCommandLine } from '../../source/cli/command-args.js';
import type { CommandName } from '../../source/cli/command-usage.js';

const REPORT_USAGE = 'usage: traintop report RUN [--out DIR] [--file FILE]';

function readError(command: CommandName, argv: readonly string[]): string {
  const line = readCommandLine(command, argv);
  if (line.kind !== 'error') {
    throw new Error(`Expected an error, got ${JSON.stringify(line)}`);
  }

  return line.message;
}

function readCommand(command: CommandName, argv: readonly string[]) {
  const line = readCommandLine(command, argv);
  if (line.kind !== 'command') {
    throw new Error(`Expected a command, got ${JSON.stringify(line)}`);
  }

  return line;
}

describe('readCommandLine', () => {
  it('reads the run and the flags', () => {
    const line = readCommandLine('report', [
      'r1',
      '--out',
      'runs',
      '--file',
      'a.html',
    ]);

    expect(line).toEqual({
      kind: 'command',
      run: 'r1',
      outDir: 'runs',
      values: { out: 'runs', file: 'a.html' },
    });
  });

  it('defaults --out to traintop-runs', () => {
    const line = readCommand('show', ['r1']);

    expect(line.outDir).toBe('traintop-runs');
  });

  it('reads runs without a run', () => {
    const line = readCommand('runs', ['--out', 'runs']);

    expect(line.run).toBeNull();
    expect(line.outDir).toBe('runs');
  });

  it('asks for the help with --help or -h', () => {
    for (const argv of [['--help'], ['-h'], ['r1', '--help'], ['r1', '-h']]) {
      expect(readCommandLine('report', argv), argv.join(' ')).toEqual({
        kind: 'help',
      });
    }
  });

  it('asks for the help next to bad flags', () => {
    const line = readCommandLine('replay', ['--bogus', 'a', 'b', '--help']);

    expect(line).toEqual({ kind: 'help' });
  });

  it('reads --help after -- as the run', () => {
    const line = readCommand('show', ['--', '--help']);

    expect(line.run).toBe('--help');
  });

  it('reads -h as the value of --file=-h', () => {
    const line = readCommand('report', ['r1', '--file=-h']);

    expect(line.values['file']).toBe('-h');
  });

  it('rejects an unknown option with the usage', () => {
    expect(readError('report', ['r1', '--x'])).toBe(
      `Unknown flag "--x" for traintop report: ${REPORT_USAGE}.`,
    );
  });

  it('rejects an unknown short option', () => {
    expect(readError('show', ['r1', '-x'])).toBe(
      'Unknown flag "-x" for traintop show: ' +
        'usage: traintop show RUN [--out DIR].',
    );
  });

  it('suggests a flag for a typo', () => {
    expect(readError('replay', ['r1', '--sped', '2'])).toBe(
      'Unknown flag "--sped" for traintop replay: did you mean --speed? ' +
        'usage: traintop replay RUN [--out DIR] [--speed N] ' +
        '[--record FILE.cast].',
    );
  });

  it('rejects a flag of another command', () => {
    expect(readError('runs', ['--workers', '2'])).toBe(
      'Unknown flag "--workers" for traintop runs: ' +
        'usage: traintop runs [--out DIR].',
    );
  });

  it('rejects a missing value', () => {
    expect(readError('report', ['r1', '--file'])).toBe(
      `Missing value for --file: ${REPORT_USAGE}.`,
    );
  });

  it('rejects a value that looks like a flag', () => {
    expect(readError('report', ['r1', '--file', '-x.html'])).toBe(
      `Missing value for --file before "-x.html": ${REPORT_USAGE}. ` +
        'Write --file=-x.html if "-x.html" is the value.',
    );
  });

  it('rejects a value for a flag that takes none', () => {
    expect(readError('analyze', ['r1', '--json=yes'])).toBe(
      'Option --json takes no value, but got "yes": ' +
        'usage: traintop analyze RUN [--out DIR] [--json].',
    );
  });

  it('rejects a missing run', () => {
    expect(readError('report', [])).toBe(
      `Missing the run to report: ${REPORT_USAGE}. ` +
        'Run traintop runs to list the stored runs.',
    );
  });

  it('rejects a second run', () => {
    expect(readError('report', ['r1', 'r2'])).toBe(
      `Unexpected argument "r2" for traintop report: ${REPORT_USAGE}.`,
    );
  });

  it('rejects a run for runs', () => {
    expect(readError('runs', ['r1'])).toBe(
      'Unexpected argument "r1" for traintop runs: ' +
        'usage: traintop runs [--out DIR].',
    );
  });

  it('names every flag of resume in its errors', () => {
    expect(readError('resume', ['r1', '--x'])).toBe(
      'Unknown flag "--x" for traintop resume: usage: traintop resume RUN ' +
        '[--out DIR] [--plain|--json] [--redis URL] [--prefix P] ' +
        '[--record FILE.cast].',
    );
  });

  it('names every flag of export in its errors', () => {
    expect(readError('export', ['r1', '--x'])).toBe(
      'Unknown flag "--x" for traintop export: usage: traintop export RUN ' +
        '[--out DIR] [--format json|csv] [--table trials|chunks].',
    );
  });
});
