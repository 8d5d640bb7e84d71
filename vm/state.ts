// One VM's handle on its state: its block in a pool (vm/pool.ts: the RAM, the counters, the
// installed code), the host it reports to, its cost table and its tracer. Vm (vm.ts: events)
// extends it; interpret.ts (the dispatch loop) and effects.ts (traps and host effects) take it.

import type { Tracer, VmHost } from './host.js';
import * as blockLayout from './pool.js';
import { type VmPool } from './pool.js';

// Imported bindings are live, so V8 reloads one (and checks it is initialised) on every use;
// module-level consts fold into the compiled code. The hot paths read these copies.
const { BLOCK_BYTES, U8_LEDS } = blockLayout;

/** The LEDs a fault lights, then toggles on every clock firing until new code arrives (Maté's error blink). */
export const ERROR_LEDS = 7;

export class VmState {
  constructor(
    readonly host: VmHost,
    /** Cycles per opcode byte for the active profile (costTable). */
    readonly cost: Uint32Array,
    readonly trace: Tracer | undefined,
    readonly pool: VmPool,
    /** This VM's number in the pool. */
    readonly index: number,
  ) {}

  /** Byte offset of this VM's block in the pool's buffer (computed: a field would cost every VM 8 bytes). */
  get base(): number {
    return this.index * BLOCK_BYTES;
  }

  setLeds(leds: number): void {
    const at = this.base + U8_LEDS;
    this.pool.u8[at] = leds & 7;
    this.host.setLeds(this.pool.u8[at]);
  }
}
