// Which capsules touch the VM's shared state (the heap and the shared variable), found from their
// code at install. ASVM (Levis, Gay, Culler, NSDI 2005, concurrency management) runs a handler
// atomically with respect to the shared variables it uses, from locks taken before it starts and
// released when it ends; vm.ts keeps one such lock over all shared state, held by a context whose
// capsule, or a subroutine it calls, reads or writes it.

import { CAPSULE_TYPES } from './capsule.js';
import { LENGTH } from './dispatch.js';
import { DECODE, OPCODES } from './opcodes.js';

const SHARED = new Set(['getvar', 'setvar', 'getvi', 'setvi', 'gets', 'sets']);
const SUBROUTINES = ['sub0', 'sub1', 'sub2', 'sub3'].map((t) => (CAPSULE_TYPES as readonly string[]).indexOf(t));

/** Bit t set: the capsule of type t (CAPSULE_TYPES) touches shared state, itself or through its calls. */
export function sharedUsers(codes: readonly (Uint8Array | undefined)[]): number {
  let direct = 0;
  const calls = new Uint8Array(codes.length); // bit n: calls subroutine n
  codes.forEach((code, t) => {
    if (code === undefined) return;
    for (let pc = 0; pc < code.length; pc += LENGTH[code[pc]]) {
      const row = DECODE[code[pc]] >= 0 ? OPCODES[DECODE[code[pc]]] : undefined;
      if (row === undefined) continue;
      if (SHARED.has(row.name)) direct |= 1 << t;
      else if (row.name === 'call') calls[t] |= 1 << (code[pc] - row.code);
    }
  });
  // A subroutine may call another: spread until nothing changes (four subroutines, so at most four passes).
  let users = direct;
  for (let pass = 0; pass < SUBROUTINES.length; pass++) {
    for (let t = 0; t < codes.length; t++) {
      SUBROUTINES.forEach((sub, n) => {
        if ((calls[t] >> n) & 1 && (users >> sub) & 1) users |= 1 << t;
      });
    }
  }
  return users;
}
