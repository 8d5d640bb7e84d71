// CPU-bound capsules on a bare VM, for the speed benchmarks: a host with no hardware behind it
// (the loops never touch any) that keeps the traps, so a loop that faults is reported, not timed.

import { assemble } from '../assembler/assemble.js';
import type { CostProfile } from '../vm/opcodes.js';
import type { TrapRecord, VmHost } from '../vm/host.js';
import { Vm } from '../vm/vm.js';

/** The smallest endless loop: push 0, branch back while it is <= 0 (always). 2 bytecodes a turn. */
export const SPIN_LOOP = `.name spin
top:  pushc 0
      blez top
`;

/** A counter in heap word 0, then an always-taken branch: 6 bytecodes a turn, a typical mix. */
export const COUNT_LOOP = `.name count
top:  getvar 0
      pushc 1
      add
      setvar 0
      pushc 0
      blez top
`;

class BareHost implements VmHost {
  readonly moteId = 1;
  readonly traps: TrapRecord[] = [];
  now(): number {
    return 0;
  }
  random16(): number {
    return 0;
  }
  setLeds(): void {}
  startSense(): boolean {
    return false;
  }
  startSend(): boolean {
    return false;
  }
  startForward(): boolean {
    return false;
  }
  setClockPeriod(): void {}
  trap(record: TrapRecord): void {
    this.traps.push(record);
  }
}

export interface LoopVm {
  readonly vm: Vm;
  /** Runs `budget` more cycles of the loop; returns the cycles and bytecodes executed. */
  run(budget: number): { cycles: number; bytecodes: number };
}

/** A VM running `source` as its clock capsule, started by one clock firing and never stopping. */
export function loopVm(source: string, profile: CostProfile): LoopVm {
  const assembled = assemble(source, '<bench>');
  if (!assembled.ok) throw new Error(`benchmark capsule does not assemble: ${assembled.errors.map((e) => e.message).join('; ')}`);
  const host = new BareHost();
  const vm = new Vm(host, { profile });
  vm.install(assembled.capsule);
  vm.fireClock();
  return {
    vm,
    run(budget) {
      const before = vm.instructions;
      const cycles = vm.run(budget);
      if (host.traps.length > 0 || !vm.ready) {
        const trap = host.traps[0];
        throw new Error(`benchmark loop stopped${trap ? ` (${trap.reason} at pc ${trap.pc})` : ''}`);
      }
      return { cycles, bytecodes: vm.instructions - before };
    },
  };
}
