// The `mote` command (commander). `main(argv, io)` runs in-process, so tests call it without spawning.
// Exit codes: 0 ok, 1 user error (one-line message), 2 internal error (with a hint to report it).

import { Command, CommanderError } from 'commander';
import { registerBench } from '../bench/command.js';
import { registerAlgo } from './commands/algo.js';
import { registerAsm } from './commands/asm.js';
import { registerDash } from './commands/dash.js';
import { registerDiagram } from './commands/diagram.js';
import { registerDisasm } from './commands/disasm.js';
import { registerFlp } from './commands/flp.js';
import { registerKeygen } from './commands/keygen.js';
import { registerRun } from './commands/run.js';
import { registerSim } from './commands/sim.js';
import { registerSnapshot } from './commands/snapshot.js';
import { registerStart } from './commands/start.js';
import { registerTrace } from './commands/trace.js';
import { UserError, type Io } from './io.js';
import { fitForTerminal, packageVersion } from './message.js';

export function buildProgram(io: Io): Command {
  const program = new Command('mote')
    .description('Program sensor networks the way Maté and Trickle did: assemble, run, simulate, inject.')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(fitForTerminal(s)),
    })
    .version(packageVersion(), '-V, --version', 'print the version of mote')
    .showSuggestionAfterError(true)
    .addHelpText('after', '\nRun `mote <command> --help` for the flags and an example of each command.');
  registerAsm(program, io);
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
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1;
    if (error instanceof UserError) {
      io.stderr(`${fitForTerminal(error.message)}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`internal error: ${message}\nThis is a bug in mote; please report it with the command you ran.\n`);
    return 2;
  }
}
