// `mote bench ARGS` in-process, for the benchmark tests: what it printed on stdout.

import { Command } from 'commander';
import { registerBench } from '../../bench/command.js';
import { bufferIo } from '../../cli/io.js';

export async function bench(...argv: string[]): Promise<string> {
  const io = bufferIo();
  const program = new Command('mote').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerBench(program, io);
  for (const command of program.commands) command.exitOverride();
  await program.parseAsync(['bench', ...argv], { from: 'user' });
  return io.out;
}
