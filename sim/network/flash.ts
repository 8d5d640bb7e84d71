// The mica's serial flash (AT45DB041B, 512 KB, SPEC 1) as the VM uses it: one slot per capsule type
// per mote. What is written here survives a reboot; the mote reinstalls it into the VM at boot.
// Capsules are immutable, so motes holding the same capsule share one object.

import { CAPSULE_TYPES, capsuleTypeNumber, type Capsule } from '../../vm/capsule.js';

const SLOTS = CAPSULE_TYPES.length;

export class Flash {
  private readonly slots: (Capsule | undefined)[];
  /** Page writes per mote, for the trace and the dashboard. */
  readonly writes: Uint32Array;

  constructor(readonly motes: number) {
    this.slots = new Array<Capsule | undefined>(motes * SLOTS).fill(undefined);
    this.writes = new Uint32Array(motes);
  }

  write(m: number, capsule: Capsule): void {
    this.slots[m * SLOTS + capsuleTypeNumber(capsule.type)] = capsule;
    this.writes[m]++;
  }

  read(m: number, type: number): Capsule | undefined {
    return type >= 0 && type < SLOTS ? this.slots[m * SLOTS + type] : undefined;
  }

  /** The mote's stored capsules in type order (the order they are reinstalled at boot). */
  stored(m: number): Capsule[] {
    const out: Capsule[] = [];
    for (let t = 0; t < SLOTS; t++) {
      const c = this.slots[m * SLOTS + t];
      if (c !== undefined) out.push(c);
    }
    return out;
  }
}
