// `mote keygen -o FILE`: a fresh Ed25519 key pair for signed code (issue 9). FILE gets the private key
// (PKCS #8 PEM, mode 0600: whoever reads it can sign code every mote will run), FILE.pub the public key
// (SubjectPublicKeyInfo PEM). Neither is ever overwritten without --force.

import { chmodSync, existsSync, linkSync, rmSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { fingerprint, generateKeyPair, privatePem, publicPem } from '../../sim/security/keys.js';
import { UserError, type Io } from '../io.js';

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
  if (flags.force !== true) {
    // Both checked before either is written, so a refusal leaves no half-made pair behind.
    for (const f of [file, pub]) if (existsSync(f)) throw new UserError(`${f}: already exists (use --force to replace it)`);
  }
  const pair = generateKeyPair();
  writeKeyFile(file, privatePem(pair.privateKey), 0o600, flags.force === true);
  writeKeyFile(pub, publicPem(pair.publicKey), 0o644, flags.force === true);
  const result = { privateKey: file, publicKey: pub, fingerprint: fingerprint(pair.publicKey) };
  if (flags.json) io.stdout(`${JSON.stringify(result)}\n`);
  else io.stdout(`${file}: Ed25519 private key (keep it secret)\n${pub}: public key ${result.fingerprint}\n`);
}

/**
 * Writes through a temp file created with the final mode, so the key is never readable by others even
 * for a moment; link() refuses an existing file, so without --force nothing is ever replaced.
 */
function writeKeyFile(file: string, text: string, mode: number, force: boolean): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text, { mode });
    chmodSync(temp, mode); // the umask may have taken bits away from a public key
    if (force) rmSync(file, { force: true });
    linkSync(temp, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new UserError(code === 'EEXIST' ? `${file}: already exists (use --force to replace it)` : `${file}: cannot write (${code})`);
  } finally {
    rmSync(temp, { force: true });
  }
}
