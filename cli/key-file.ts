// Reads an Ed25519 key file (mote keygen) for any command; every problem is a one-line UserError naming
// the file. A private key others can read is used, with a warning (issue 19): whoever reads it can sign
// code every mote will run.

import { statSync } from 'node:fs';
import { readKey, type KeyPair } from '../sim/security/keys.js';
import { UserError } from './io.js';
import { readInput } from './load-capsule.js';

export function loadKeyFile(file: string, warn?: (line: string) => void): KeyPair {
  const read = readKey(readInput(file).toString('utf8'), file);
  if (!read.ok) throw new UserError(read.error);
  if (read.key.privateKey !== undefined && warn !== undefined) {
    const mode = statSync(file).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      warn(`warning: ${file}: a private key that others can read (mode ${mode.toString(8).padStart(3, '0')}); anyone who reads it can sign code your motes run (chmod 600 ${file})`);
    }
  }
  return read.key;
}
