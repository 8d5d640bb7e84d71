// `mote asm FILE`: assemble a capsule source into a CBOR capsule file, signed with --sign KEY (issue 9).

import type { Command } from 'commander';
import { extname } from 'node:path';
import { writeCapsuleFile } from '../../assembler/capsule-file.js';
import { isClassic } from '../../vm/capsule.js';
import type { Io } from '../io.js';
import { UserError } from '../io.js';
import { loadKeyFile } from '../key-file.js';
import { loadCapsule, SOURCE_EXTENSIONS } from '../load-capsule.js';
import { fingerprint } from '../../sim/security/keys.js';
import { signCapsule } from '../../sim/security/signature.js';
import { checkOutputs, writeOutput } from '../output.js';

export function defaultOutput(file: string): string {
  const ext = extname(file);
  return (ext ? file.slice(0, -ext.length) : file) + '.cap';
}

export function registerAsm(program: Command, io: Io): void {
  program
    .command('asm')
    .description('assemble a capsule source (.mate) into a capsule file (.cap)')
    .argument('<file>', 'assembly source')
    .option('-o, --output <file>', 'output capsule file (default: the source with .cap)')
    .option('--json', 'print the result as JSON')
    .option('--sign <key>', 'sign the capsule with this private key (mote keygen); motes of a signed network take only signed code')
    .addHelpText('after', '\nExample:\n  $ mote asm capsules/cnt_to_leds.mate\n  $ mote asm prog.mate -o prog.cap --json\n  $ mote asm prog.mate --sign base.key')
    .action((file: string, opts: { output?: string; json?: boolean; sign?: string }) => {
      if (!SOURCE_EXTENSIONS.includes(extname(file).toLowerCase())) {
        throw new UserError(`${file}: not an assembly source (want ${SOURCE_EXTENSIONS.join(', ')})`);
      }
      const output = opts.output ?? defaultOutput(file);
      checkOutputs([file, opts.sign], [['-o', output]]);
      const key = opts.sign === undefined ? undefined : loadKeyFile(opts.sign, (line) => io.stderr(`${line}\n`));
      if (key !== undefined && key.privateKey === undefined) throw new UserError(`${opts.sign}: a public key cannot sign; give the private key file`);
      const { capsule, instructions, source } = loadCapsule(file);
      const signature = key?.privateKey === undefined ? undefined : signCapsule(capsule, key.privateKey);
      writeOutput(output, writeCapsuleFile(capsule, source, signature));
      const kind = isClassic(capsule) ? 'classic' : 'extended';
      const summary = {
        output,
        name: capsule.name,
        type: capsule.type,
        version: capsule.version,
        bytes: capsule.code.length,
        instructions: instructions ?? 0,
        kind,
        ...(key === undefined ? {} : { signedBy: fingerprint(key.publicKey) }),
      };
      if (opts.json) {
        io.stdout(`${JSON.stringify(summary)}\n`);
        return;
      }
      const packets = kind === 'classic' ? 'one packet' : 'fragments';
      io.stdout(
        `${output}: ${summary.bytes} bytes, ${summary.instructions} instructions, ` +
          `${capsule.type} capsule '${capsule.name}' version ${capsule.version}, ${kind} (${packets})` +
          (key === undefined ? '' : `, signed by ${fingerprint(key.publicKey)}`) +
          '\n',
      );
    });
}
