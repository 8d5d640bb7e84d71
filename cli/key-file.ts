// Reads an Ed25519 key file (mote keygen) for any command; every problem is a one-line UserError naming the file.

import { readKey, type KeyPair } from '../sim/security/keys.js';
import { UserError } from './io.js';
import { readInput } from './load-capsule.js';

export function loadKeyFile(file: string): KeyPair {
  const read = readKey(readInput(file).toString('utf8'), file);
  if (!read.ok) throw new UserError(read.error);
  return read.key;
}
