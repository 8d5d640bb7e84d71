// The `mote` command (commander). `main(argv, io)` runs in-process, so tests call it without spawning.
// Exit codes: 0 ok, 1 user error (one-line message), 2 internal error (with a hint to report it): program.ts.

import type { Command } from 'commander';
import { registerBench } from '../bench/command.js';
import { registerAlgo } from './commands/algo.js';
import { registerAsm } from './commands/asm.js';
import { registerCompile } from './commands/compile.js';
import { registerDash } from './commands/dash.js';
import { registerDiagram } from './commands/diagram.js';
import { registerDisasm } from './commands/disasm.js';
import { registerFlp } from './commands/flp.js';
import { registerKeygen } from './commands/keygen.js';
import { registerRun } from './commands/run.js';
import { registerSim } from './commands/sim.js';
import { registerSnapshot } from './commands/snapshot.js';
import { registerStart } from './commands/start.js';
import { registerSweep } from './commands/sweep.js';
import { registerTrace } from './commands/trace.js';
import type { Io } from './io.js';
import { newProgram, runProgram } from './program.js';

export function buildProgram(io: Io): Command {
  const program = newProgram(io)
    .description('Program sensor networks the way Maté and Trickle did: assemble, run, simulate, inject.')
    .addHelpText('after', '\nRun `mote <command> --help` for the flags and an example of each command.');
  registerAsm(program, io);
  registerCompile(program, io);
  registerDisasm(program, io);
  registerRun(program, io);
  registerKeygen(program, io);
  registerSim(program, io);
  registerTrace(program, io);
  registerDash(program, io);
  registerAlgo(program, io);
  registerSnapshot(program, io);
  registerFlp(program, io);
  registerDiagram(program, io);
  registerStart(program, io);
  registerBench(program, io);
  registerSweep(program, io);
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  return runProgram(buildProgram(io), argv, io);
}
