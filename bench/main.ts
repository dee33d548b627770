// Entry of `npm run bench`. Sets up the environment before anything imports
// React, Ink or chalk, then runs the benchmarks. Child processes, such as the
// memory benchmark's, inherit the same environment.

// Users run React's production build, which the CLI picks in the same way.
process.env['NODE_ENV'] ??= 'production';

// chalk decides on colour from this process's stdout, which is often a pipe
// here, but the monitor draws on a fake colour terminal. Named colours, all
// the monitor uses, have the same escapes at every level from 1 up.
process.env['FORCE_COLOR'] = '1';

// Ink treats a process with CI set as non-interactive and then writes only
// the last frame, so in CI the benchmarks would measure almost nothing.
delete process.env['CI'];
delete process.env['CONTINUOUS_INTEGRATION'];

const { runBenchmarks } = await import('./run-benchmarks.js');
await runBenchmarks();
