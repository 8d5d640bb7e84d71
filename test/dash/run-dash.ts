// `mote dash` run in-process without a terminal, for the tests: its output and what it threw.

import { Command } from 'commander';
import { registerDash } from '../../cli/commands/dash.js';
import { bufferIo } from '../../cli/io.js';

export async function dash(args: string[]) {
  const io = bufferIo(false);
  const program = new Command('mote').exitOverride().configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  registerDash(program, io);
  for (const c of program.commands) c.exitOverride();
  let error: unknown = null;
  try {
    await program.parseAsync(['dash', ...args], { from: 'user' });
  } catch (e) {
    error = e;
  }
  return { io, error };
}
