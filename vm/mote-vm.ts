// What a host drives: the VM's public surface, met by vm.ts's Vm (the abstract mote, costs from the
// opcode table) and by sim/avr/avr-vm.ts's AvrVm (the C firmware on an emulated ATmega128, cycles
// measured). Hosts that take a MoteVm run either.

import type { Capsule, CapsuleType, ContextName } from './capsule.js';
import type { VmSnapshot } from './inspect.js';

export interface MoteVm {
  /** CPU cycles charged (abstract) or executed (AVR) since construction. */
  readonly cycles: number;
  readonly instructions: number;
  readonly ready: boolean;
  readonly receiveIdle: boolean;
  capsule(type: CapsuleType): Capsule | undefined;
  install(capsule: Capsule): void;
  fireClock(): void;
  deliver(payload: Uint8Array, length: number, source: number): void;
  forwardRouted(payload: Uint8Array, length: number, source: number): void;
  senseDone(context: ContextName, reading: number): void;
  sendDone(context: ContextName): void;
  reboot(): void;
  run(budgetCycles: number): number;
  step(): number;
  inspect(): VmSnapshot;
}
