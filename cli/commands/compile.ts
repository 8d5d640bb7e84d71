// `mote compile FILE.tinyscript`: compile TinyScript (ASVM's language) into a CBOR capsule file, as
// `mote asm` does for assembly; --asm prints the generated assembly with the source lines as comments.

import type { Command } from 'commander';
import { basename, extname } from 'node:path';
import { writeCapsuleFile } from '../../assembler/capsule-file.js';
import { CAPSULE_TYPES, MAX_VERSION, isClassic, type CapsuleType } from '../../vm/capsule.js';
import { compileFile, TINYSCRIPT_EXTENSION } from '../compile-source.js';
import { nonNegativeInteger, oneOf } from '../flags.js';
import type { Io } from '../io.js';
import { UserError } from '../io.js';
import { readInput } from '../load-capsule.js';
import { writeFileAtomic } from '../write-file.js';
import { defaultOutput } from './asm.js';

interface CompileFlags {
  output?: string;
  handler?: CapsuleType;
  version?: number;
  asm?: boolean;
  json?: boolean;
}

export function registerCompile(program: Command, io: Io): void {
  program
    .command('compile')
    .description('compile a TinyScript program (.tinyscript) into a capsule file (.cap)')
    .argument('<file>', 'TinyScript source')
    .option('-o, --output <file>', 'output capsule file (default: the source with .cap)')
    .option('--handler <type>', `the capsule type, overriding the file's handler line: ${CAPSULE_TYPES.join(', ')}`, oneOf('--handler', CAPSULE_TYPES))
    .option('--version <n>', `the capsule version (0..${MAX_VERSION}), overriding the file's version line`, nonNegativeInteger('--version'))
    .option('--asm', 'also print the generated assembly, the source lines as comments')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExample:\n  $ mote compile capsules/cnt_to_leds.tinyscript\n  $ mote compile prog.tinyscript -o prog.cap --handler receive --version 2 --asm')
    .action((file: string, opts: CompileFlags) => {
      if (extname(file).toLowerCase() !== TINYSCRIPT_EXTENSION) throw new UserError(`${file}: not a TinyScript source (want ${TINYSCRIPT_EXTENSION})`);
      if (opts.version !== undefined && opts.version > MAX_VERSION) throw new UserError(`--version wants 0..${MAX_VERSION}, got '${opts.version}'`);
      const source = readInput(file).toString('utf8');
      const compiled = compileFile(file, source, { handler: opts.handler, version: opts.version });
      const { capsule } = compiled;
      const output = opts.output ?? defaultOutput(file);
      // The map names the source by its base name: the capsule file travels without the folder.
      writeFileAtomic(output, writeCapsuleFile(capsule, source, undefined, { file: basename(file), places: compiled.sourceMap }));
      const kind = isClassic(capsule) ? 'classic' : 'extended';
      if (opts.json) {
        const summary = { output, name: capsule.name, type: capsule.type, version: capsule.version, bytes: capsule.code.length, instructions: compiled.instructions, kind };
        io.stdout(`${JSON.stringify(opts.asm ? { ...summary, asm: compiled.asm } : summary)}\n`);
        return;
      }
      if (opts.asm) io.stdout(compiled.asm);
      io.stdout(
        `${output}: ${capsule.code.length} bytes, ${compiled.instructions} instructions, ` +
          `${capsule.type} capsule '${capsule.name}' version ${capsule.version}, ${kind} (${kind === 'classic' ? 'one packet' : 'fragments'})\n`,
      );
    });
}
