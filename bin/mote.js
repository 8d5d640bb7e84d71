#!/usr/bin/env node
// The `mote` command: runs the compiled CLI (npm install builds it via `prepare`).
import { main } from '../dist/cli/main.js';

// A closed pipe (`mote ... | head`) is the reader saying it has seen enough, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
});
