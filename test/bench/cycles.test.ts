// `mote bench cycles` on a quick run: the JSON contract, and the emulator's costs against SPEC 3, 4
// and 7 within their stated tolerances. These are correctness checks on the VM and the emulated mote:
// every figure here was measured by running code, so a cost charged wrongly anywhere shows up.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCycles } from '../../bench/cycles.js';
import { QUICK_MEASURE } from '../../bench/harness.js';
import { formatTable, type BenchReport } from '../../bench/report.js';
import type { CapsuleRow, OpRow, PrimitiveRow } from '../../bench/tables/cycles-figures.js';
import { MOVM_BYTES, OP_CASES } from '../../bench/tables/op-cases.js';
import { measureOp } from '../../bench/tables/op-costs.js';
import { sendHostCycles } from '../../bench/tables/primitives.js';
import { MATE_PAPER } from '../../bench/tables/references.js';
import { shippedPrograms } from '../../bench/tables/shipped.js';
import { COST_PROFILES, OPCODES, opcodeByName, takenCost } from '../../vm/opcodes.js';
import { LEAN_CYCLES } from '../../vm/lean-costs.js';

let cached: BenchReport | undefined;
/** One quick run shared by the tests (it takes about a second). */
function report(): BenchReport {
  cached ??= runCycles(QUICK_MEASURE);
  return cached;
}
const json = (): { primitives: Record<string, number>; ops: OpRow[]; capsules: CapsuleRow[]; primitiveRows: PrimitiveRow[]; eventLatencyMicroseconds: number } =>
  report().json as never;
const op = (name: string, profile: string, c?: string): OpRow => {
  const row = json().ops.find((r) => r.name === name && r.profile === profile && r.case === c);
  if (row === undefined) throw new Error(`no row ${name} ${profile} ${c ?? ''}`);
  return row;
};

describe('mote bench cycles --json', () => {
  it('has the contract keys: primitives by name, and ops rows of name, profile, cycles, mate, native', () => {
    expect(Object.keys(json().primitives).sort()).toEqual(
      ['byteCopy', 'contextSwitch', 'eventThroughStack', 'interrupt', 'interruptHardware', 'interruptSoftware', 'post', 'postAndSwitch'],
    );
    for (const row of json().ops) {
      expect(row).toHaveProperty('name');
      expect(COST_PROFILES).toContain(row.profile);
      expect(row.cycles).toBeGreaterThan(0);
      expect(row).toHaveProperty('mate');
      expect(row).toHaveProperty('native');
    }
  });

  it('has a row for every operation of the opcode table under both profiles', () => {
    for (const row of OPCODES) for (const profile of COST_PROFILES) expect(json().ops.some((r) => r.name === row.name && r.profile === profile)).toBe(true);
  });
});

describe('(a) TinyOS primitives on the emulated mote (SPEC 3, SPEC 4)', () => {
  it('copy a byte in 8 cycles and take an event through the stack in 141 cycles, under the seed`s 160', () => {
    expect(json().primitives.byteCopy).toBe(8);
    expect(json().primitives.eventThroughStack).toBe(141);
    expect(json().primitives.eventThroughStack).toBeLessThan(160);
  });

  it('reach the clock handler 36.25 us after the timer (1 us wake-up + 35.25 us), under 40 us', () => {
    expect(json().eventLatencyMicroseconds).toBe(36.25);
    expect(json().eventLatencyMicroseconds).toBeLessThan(40);
  });

  it('give the seed`s post 10, context switch 51 and interrupt 9 + 71, whose sum is the measured path', () => {
    const p = json().primitives;
    expect([p.post, p.contextSwitch, p.interruptHardware, p.interruptSoftware]).toEqual([10, 51, 9, 71]);
    expect(p.post + p.contextSwitch + p.interruptHardware + p.interruptSoftware).toBe(p.eventThroughStack);
    expect(json().primitiveRows.filter((r) => !r.measured).map((r) => r.name)).toEqual(['post', 'contextSwitch', 'interruptHardware', 'interruptSoftware']);
  });

  it('measure an interrupt alone at 9 + 71 and a task posted by a task at 10 + 51, which add up to the event path', () => {
    const p = json().primitives;
    expect(p.interrupt).toBe(p.interruptHardware + p.interruptSoftware);
    expect(p.postAndSwitch).toBe(p.post + p.contextSwitch);
    expect(p.interrupt + p.postAndSwitch).toBe(p.eventThroughStack);
    expect(json().primitiveRows.find((r) => r.name === 'interrupt')?.measured).toBe(true);
  });

  it('charge 8 cycles a byte to queue a message, whatever its length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 13 }), fc.integer({ min: 1, max: 13 }), (a, b) => {
        fc.pre(a !== b);
        expect((sendHostCycles('mate', 1, b) - sendHostCycles('mate', 1, a)) / (2 * (b - a))).toBe(8);
      }),
      { numRuns: 6 },
    );
  });
});

describe('(b) VM operations beside Maté (SPEC 7)', () => {
  it('cost what Maté reported under the mate profile: and 469, rand 435, sense 1342, sendr 685,000 (within 10%)', () => {
    for (const [name, paper] of Object.entries(MATE_PAPER)) {
      const row = op(name, 'mate');
      expect(Math.abs(row.cycles / paper.mate - 1)).toBeLessThanOrEqual(0.1);
      expect(row.vsNative).toBeCloseTo(row.cycles / paper.native, 9);
    }
    expect(op('and', 'mate').cycles).toBe(469);
    expect(op('and', 'mate').vsNative).toBeCloseTo(33.5, 1);
    expect(op('sendr', 'mate').vsNative).toBeCloseTo(1.03, 2);
  });

  it('charge the lean profile the firmware`s measured figures and show SPEC 7`s lean table beside them, for every operation it lists', () => {
    const listed = json().ops.filter((r) => r.profile === 'lean' && r.spec !== null);
    expect(listed.length).toBeGreaterThanOrEqual(18);
    for (const row of listed) {
      const label = row.case === undefined ? row.name : `${row.name} ${row.case}`;
      expect(row.cycles, label).toBe(LEAN_CYCLES[label]);
      const seed = opcodeByName(row.name)!;
      expect(row.spec, label).toBe(seed.seedLean + (row.case === 'taken' ? (seed.taken ?? 0) : 0));
    }
  });

  it('charge a taken branch its profile`s extra: 9 cycles in the mate profile (SPEC 7), the firmware`s in the lean one', () => {
    for (const name of ['blez', 'blezw', 'jumpc']) {
      expect(op(name, 'mate', 'taken').cycles - op(name, 'mate', 'not taken').cycles).toBe(9);
      expect(op(name, 'lean', 'taken').cycles - op(name, 'lean', 'not taken').cycles).toBe(LEAN_CYCLES[`${name} taken`] - LEAN_CYCLES[`${name} not taken`]);
    }
    expect([op('blez', 'lean', 'not taken').cycles, op('blez', 'lean', 'taken').cycles]).toEqual([LEAN_CYCLES['blez not taken'], LEAN_CYCLES['blez taken']]);
  });

  it('split-phase: charge the dispatch, then the host`s latency: the ADC`s 396 cycles, the 0.6 radio`s 665,000', () => {
    expect(op('sense', 'mate').dispatch).toBe(946);
    expect(op('sense', 'mate').cycles).toBe(946 + 396);
    expect(op('sense', 'lean').cycles).toBe(op('sense', 'lean').dispatch! + 396);
    expect(op('sendr', 'lean').cycles).toBe(op('sendr', 'lean').dispatch! + 665_000);
  });

  it('on the emulated mote: sense resumes 1 us (4 cycles) later than on the single host; sendr takes the 7.2 ms airtime, far under Maté`s 685,000', () => {
    expect(op('sense', 'mate').mote).toBe(1342 + 4);
    const sendr = op('sendr', 'mate').mote!;
    expect(sendr).toBeGreaterThan(20_000 + 28_800);
    expect(sendr).toBeLessThan(685_000 / 5);
    expect(op('forw', 'mate').mote).toBeUndefined();
  });

  it('read each operation`s cost off the VM: the table`s figure, plus a taken branch or movm`s 8 cycles a byte', () => {
    for (const c of OP_CASES) {
      const row = opcodeByName(c.op)!;
      for (const profile of COST_PROFILES) {
        const extra = c.label.endsWith(' taken') && !c.label.endsWith('not taken') ? takenCost(row, profile) : 8 * (c.received ?? 0);
        expect(measureOp(c, profile), c.label).toBe(row[profile] + extra);
      }
    }
    expect(OP_CASES.some((c) => c.received === MOVM_BYTES)).toBe(true);
  });
});

describe('(c) shipped capsules', () => {
  it('has every top-level program and algorithm folder, with its bytes and instructions', () => {
    const { programs, algorithms } = shippedPrograms();
    const names = json().capsules.map((c) => c.name);
    expect(names).toEqual([...programs, ...algorithms].map((p) => p.name));
    expect(names).toEqual(expect.arrayContaining(['cnt_to_leds', 'sense_and_send', 'blink_loop', 'lcr', 'tree']));
    const cnt = json().capsules.find((c) => c.name === 'cnt_to_leds')!;
    expect([cnt.bytes, cnt.instructions]).toEqual([9, 9]);
  });

  it('costs cnt_to_leds its nine instructions plus the 141-cycle clock event per firing', () => {
    const cnt = json().capsules.find((c) => c.name === 'cnt_to_leds')!.profiles!;
    const lines = ['gets', 'pushc', 'add', 'copy', 'sets', 'pushc', 'and', 'putled', 'halt'];
    for (const profile of COST_PROFILES) {
      const vm = lines.reduce((a, name) => a + opcodeByName(name)![profile], 0);
      expect(cnt[profile].vmCycles).toBe(vm);
      expect(cnt[profile].hostCycles).toBe(141);
      expect(cnt[profile].cpuMicroJoules).toBeCloseTo((vm + 141) * 250e-9 * 4.6e-3 * 3 * 1e6, 9);
      expect(cnt[profile].radioMicroJoules).toBe(0);
    }
  });

  it('charges sense_and_send one packet a firing: 288 bits at 0.9 uJ', () => {
    const s = json().capsules.find((c) => c.name === 'sense_and_send')!.profiles!.mate;
    expect(s.packets).toBe(1);
    expect(s.radioMicroJoules).toBeCloseTo(259.2, 6);
    expect(s.microJoules).toBeCloseTo(s.cpuMicroJoules + 259.2, 6);
  });

  it('runs every algorithm that has a runner to an oracle that passes, costs per mote for the run', () => {
    const runnable = json().capsules.filter((c) => c.kind === 'algorithm' && c.per !== null);
    expect(runnable.length).toBeGreaterThanOrEqual(8);
    for (const a of runnable) {
      expect(a.ok, a.name).toBe(true);
      expect(a.profiles!.mate.cycles).toBeGreaterThan(a.profiles!.lean.cycles);
    }
  });
});

describe('mote bench cycles text', () => {
  it('prints the medians, then the three tables beside the published figures', () => {
    const text = formatTable(report());
    expect(text).toMatch(/^cycles: mote cycles, measured on the VM and the emulated mote \(median of 1 run\)/);
    expect(text).toMatch(/event through the stack +141/);
    for (const heading of ['(a) TinyOS primitives', '(b) VM operations beside Maté', '(c) shipped capsules']) expect(text).toContain(heading);
    expect(text).toMatch(/and +mate +469 +469 +14 +1\.00 +33\.5/);
  });
});
