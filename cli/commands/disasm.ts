// `mote disasm FILE`: print a capsule as assembly that `mote asm` turns back into the same bytes.

import type { Command } from 'commander';
import { disassemble } from '../../assembler/disassemble.js';
import type { Io } from '../io.js';
import { loadCapsule } from '../load-capsule.js';
import { checkOutputs, writeOutput } from '../output.js';

export function registerDisasm(program: Command, io: Io): void {
  program
    .command('disasm')
    .description('disassemble a capsule file (.cap) into assembly')
    .argument('<file>', 'capsule file (or source, to see what it assembles to)')
    .option('-o, --output <file>', 'write the assembly to a file instead of stdout')
    .addHelpText('after', '\nExample:\n  $ mote disasm capsules/cnt_to_leds.cap\n  $ mote disasm prog.cap -o prog.mate')
    .action((file: string, opts: { output?: string }) => {
      checkOutputs([file], [['-o', opts.output]]);
      const text = disassemble(loadCapsule(file).capsule);
      if (opts.output) writeOutput(opts.output, text);
      else io.stdout(text);
    });
}
