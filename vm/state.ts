// Everything the VM holds besides the program-visible RAM in memory.ts: the installed code, the
// LEDs, the counters, and the host it reports to. Shared by vm.ts (events), interpret.ts (the
// dispatch loop) and effects.ts (traps and host effects).

import { CAPSULE_TYPES, type Capsule } from './capsule.js';
import type { VmHost } from './host.js';
import { CONTEXT_COUNT, Memory } from './memory.js';

/** The LEDs a fault lights, then toggles on every clock firing until new code arrives (Maté's error blink). */
export const ERROR_LEDS = 7;

type PerCapsule<T> = (T | undefined)[];

export class VmState {
  readonly memory = new Memory();
  readonly capsules: PerCapsule<Capsule> = new Array<Capsule | undefined>(CAPSULE_TYPES.length);
  /** A private copy of each capsule's code, and its instruction starts (dispatch.ts). */
  readonly codes: PerCapsule<Uint8Array> = new Array<Uint8Array | undefined>(CAPSULE_TYPES.length);
  readonly bounds: PerCapsule<Uint8Array> = new Array<Uint8Array | undefined>(CAPSULE_TYPES.length);
  cycles = 0;
  instructions = 0;
  leds = 0;
  errorBlink = false;
  /** The context that took the last turn (round-robin). */
  last = CONTEXT_COUNT - 1;
  /** Bumped by every call from outside; a host callback that changed the VM shows up here. */
  epoch = 0;
  /** Source address of the last message delivered or forwarded to this mote. */
  received = 0;

  constructor(
    readonly host: VmHost,
    /** Cycles per opcode byte for the active profile (costTable). */
    readonly cost: Uint32Array,
    readonly trace: ((line: string) => void) | undefined,
  ) {}

  setLeds(leds: number): void {
    this.leds = leds & 7;
    this.host.setLeds(this.leds);
  }
}
