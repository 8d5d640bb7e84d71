// One capsule per type on a mote (Maté has one slot per context): the rule `mote run` and
// `mote sim --load` share, so two clock capsules are an error everywhere instead of one of them
// silently replacing the other (issue 19).

import type { Capsule } from '../vm/capsule.js';
import { UserError } from './io.js';

/** Throws naming the second file that brings a type already given. */
export function onePerType(capsules: readonly Capsule[], files: readonly string[], flag = ''): void {
  const seen = new Map<string, string>();
  for (const [i, c] of capsules.entries()) {
    const first = seen.get(c.type);
    if (first !== undefined) throw new UserError(`${flag}${files[i]}: a second ${c.type} capsule (${first} is one already); give one per type`);
    seen.set(c.type, files[i]);
  }
}
