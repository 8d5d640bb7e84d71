// `mote keygen -o FILE`: a fresh Ed25519 key pair for signed code (issue 9). FILE gets the private key
// (PKCS #8 PEM, mode 0600: whoever reads it can sign code every mote will run), FILE.pub the public key
// (SubjectPublicKeyInfo PEM). Neither is ever overwritten without --force.

import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { fingerprint, generateKeyPair, privatePem, publicPem } from '../../sim/security/keys.js';
import { UserError, type Io } from '../io.js';
import { OutputFile, writeError } from '../output.js';

interface KeygenFlags {
  output: string;
  force?: boolean;
  json?: boolean;
}

export function registerKeygen(program: Command, io: Io): void {
  program
    .command('keygen')
    .description('make an Ed25519 key pair for signing code (mote asm --sign, mote sim --key)')
    .requiredOption('-o, --output <file>', 'private key file (mode 0600); the public key goes to FILE.pub')
    .option('--force', 'overwrite existing key files')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExample:\n  $ mote keygen -o base.key\n  $ mote asm prog.mate --sign base.key\n  $ mote sim --key base.key --inject prog.cap@0:5s')
    .action((flags: KeygenFlags) => runKeygen(flags, io));
}

function runKeygen(flags: KeygenFlags, io: Io): void {
  const file = flags.output;
  const pub = `${file}.pub`;
  const force = flags.force === true;
  // Both paths checked before either is written, so no refusal or failure leaves half a pair behind.
  for (const f of [file, pub]) checkKeyPath(f, force);
  const pair = generateKeyPair();
  // Temp files made with the final mode (the private key is never readable by others, even for a
  // moment); without --force the commit is a link(), which refuses a file that appeared meanwhile.
  const outputs = [
    OutputFile.open(file, { mode: 0o600, exclusive: !force }),
    OutputFile.open(pub, { mode: 0o644, exclusive: !force }),
  ];
  try {
    outputs[0].write(privatePem(pair.privateKey));
    outputs[1].write(publicPem(pair.publicKey));
  } catch (error) {
    for (const out of outputs) out.abort();
    throw error;
  }
  for (const out of outputs) out.commit();
  const result = { privateKey: file, publicKey: pub, fingerprint: fingerprint(pair.publicKey) };
  if (flags.json) io.stdout(`${JSON.stringify(result)}\n`);
  else io.stdout(`${file}: Ed25519 private key (keep it secret)\n${pub}: public key ${result.fingerprint}\n`);
}

/** A key file may be a new file, or (with --force) a regular file to replace; nothing else. */
function checkKeyPath(file: string, force: boolean): void {
  let stats;
  try {
    stats = statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw writeError(file, error);
  }
  if (!force) throw new UserError(`${file}: already exists (use --force to replace it)`);
  if (!stats.isFile()) throw new UserError(`${file}: is not a regular file; a key cannot go there`);
}
