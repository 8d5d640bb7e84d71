// What each VM operation costs, read off a running VM: the case's capsule is stepped one instruction
// at a time (Vm.step returns the cycles it charged) and the step that executed the operation, found
// through the VM's own trace line, is the figure. Split-phase operations are charged their dispatch
// here; their issue-to-resume on real hosts is split-phase.ts.

import type { TrapRecord, VmHost } from '../../vm/host.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { Vm } from '../../vm/vm.js';
import { capsuleOf } from './mote-net.js';
import type { OpCase } from './op-cases.js';

/** A host that grants every request at once and never completes one: one instruction is all we run. */
class StepHost implements VmHost {
  readonly moteId = 1;
  readonly traps: TrapRecord[] = [];
  private readonly table = [2, 3, 5, 7];
  now(): number {
    return 0;
  }
  random16(): number {
    return 0x1234;
  }
  setLeds(): void {}
  startSense(): boolean {
    return true;
  }
  startSend(): boolean {
    return true;
  }
  startForward(): boolean {
    return true;
  }
  setClockPeriod(): void {}
  trap(record: TrapRecord): void {
    this.traps.push(record);
  }
  neighbours(): ArrayLike<number> {
    return this.table;
  }
  uart(): void {}
}

/** Instructions a case may run before the measured one. */
const STEP_LIMIT = 32;

/** The mnemonic of a trace line (vm/inspect.ts traceLine: context, offset, mnemonic, ...). */
function mnemonicOf(line: string): string {
  return line.slice(8).trim().split(/\s+/)[1] ?? '';
}

/** Cycles the VM charges for the case's operation under `profile`. */
export function measureOp(c: OpCase, profile: CostProfile): number {
  let last = '';
  const host = new StepHost();
  const vm = new Vm(host, { profile, trace: (line) => (last = line) });
  if (c.sub0 !== undefined) vm.install(capsuleOf('sub0', c.sub0, `${c.op}_sub0`));
  if (c.received !== undefined) vm.deliver(Uint8Array.from({ length: c.received }, (_, i) => i), c.received, 2);
  vm.install(capsuleOf('clock', c.lines, c.op));
  vm.fireClock();
  for (let k = 0; k < STEP_LIMIT && vm.ready; k++) {
    const cycles = vm.step();
    if (mnemonicOf(last) !== c.op) continue;
    const trapped = host.traps.find((t) => t.reason !== 'err');
    if (trapped !== undefined) throw new Error(`bench case ${c.label} trapped: ${trapped.reason} at pc ${trapped.pc}`);
    return cycles;
  }
  throw new Error(`bench case ${c.label} never executed ${c.op}`);
}
