#!/usr/bin/env node
// Entry point. It only checks the Node.js version and picks React's
// production build before anything imports React: the development build
// costs the monitor about a quarter more CPU.

const MIN_NODE_MAJOR = 22;

const major = Number(process.versions.node.split('.')[0]);
if (major < MIN_NODE_MAJOR) {
  process.stderr.write(
    `error: traintop needs Node.js ${MIN_NODE_MAJOR} or newer, ` +
      `but this is ${process.version}: install a current Node.js.\n`,
  );
  process.exit(1);
}

process.env['NODE_ENV'] ??= 'production';

const { runCli } = await import('./run-cli.js');
process.exitCode = await runCli(process.argv.slice(2));
