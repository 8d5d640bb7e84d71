// The root `mote` program without its commands, and the run that turns what a command throws into an
// exit code: main.ts registers every command; a sweep's worker (cli/sweep/run-point.ts) only the ones
// a plan may run, so it starts without loading the rest. Exit codes: 0 ok, 1 user error (one-line
// message), 2 internal error (with a hint to report it).

import { Command, CommanderError } from 'commander';
import { UserError, type Io } from './io.js';
import { fitForTerminal, packageVersion } from './message.js';

export function newProgram(io: Io): Command {
  return new Command('mote')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(fitForTerminal(s)),
    })
    .version(packageVersion(), '-V, --version', 'print the version of mote')
    .showSuggestionAfterError(true);
}

export async function runProgram(program: Command, argv: readonly string[], io: Io): Promise<number> {
  try {
    await program.parseAsync([...argv], { from: 'user' });
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
