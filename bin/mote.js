#!/usr/bin/env node
// The `mote` command: runs the compiled CLI (npm install builds it via `prepare`).
import { main } from '../dist/cli/main.js';
import { guardStderr, guardStdout } from '../dist/cli/stdio-errors.js';

// A closed pipe (`mote ... | head`) ends quietly; a full disk (`> /dev/full`) is one line and exit 1.
const exit = (code) => process.exit(code);
guardStdout(process.stdout, 'stdout', { stderr: (s) => process.stderr.write(s), exit });
guardStderr(process.stderr, { exit });

process.exitCode = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
});
