// The opcode table is the single source of truth (STYLE rule 1): these check it is self-consistent.

import { describe, expect, it } from 'vitest';
import { costTable, DECODE, instructionLength, MATE_OVERHEAD, OPCODES, opcodeByName, TAKEN_OFFSET } from '../../vm/opcodes.js';
import { LEAN_CYCLES } from '../../vm/lean-costs.js';

function row(name: string) {
  const found = opcodeByName(name);
  if (!found) throw new Error(`no opcode ${name}`);
  return found;
}

describe('the opcode table', () => {
  it('gives every mnemonic a unique name', () => {
    const names = OPCODES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('never lets two rows claim the same byte', () => {
    const claimed = new Map<number, string>();
    for (const r of OPCODES) {
      for (let b = r.code; b < r.code + (1 << r.embed); b++) {
        expect(claimed.get(b), `byte ${b} claimed by ${claimed.get(b)} and ${r.name}`).toBeUndefined();
        claimed.set(b, r.name);
      }
    }
  });

  it('decodes every byte to the row that claims it, and -1 elsewhere', () => {
    for (let b = 0; b < 256; b++) {
      const index = DECODE[b];
      if (index < 0) continue;
      expect(b).toBeGreaterThanOrEqual(OPCODES[index].code);
      expect(b).toBeLessThan(OPCODES[index].code + (1 << OPCODES[index].embed));
    }
    expect([...DECODE].filter((i) => i >= 0).length).toBe(OPCODES.reduce((n, r) => n + (1 << r.embed), 0));
  });

  it('places embedded operands on aligned code ranges and never both embedded and trailing', () => {
    for (const r of OPCODES) {
      expect(r.code % (1 << r.embed), r.name).toBe(0);
      expect(r.embed === 0 || r.trailing === 0, r.name).toBe(true);
    }
  });

  it('keeps every instruction one byte unless a trailing operand is declared (SPEC 7)', () => {
    for (const r of OPCODES) expect(instructionLength(r)).toBe(1 + r.trailing);
  });

  it('supports every mnemonic SPEC section 7 lists', () => {
    const required =
      'halt reset and or not shiftr shiftl add inv copy pop swap eq neq lt gt lte gte mod land lor lnot rand id ' +
      'putled sense cast pushm movm clear send sendr forw forwo gets sets getvar setvar getms getmb setms setmb ' +
      'call ret blez jumpc jumps pushc clockf clockc err depth';
    for (const name of required.split(' ')) expect(opcodeByName(name), name).toBeDefined();
  });

  it('charges the four Maté-reported operations their reported cost with the native part (SPEC 7)', () => {
    const mate = costTable('mate');
    expect(mate[row('and').code]).toBe(469);
    expect(mate[row('rand').code]).toBe(435);
    expect(mate[row('sense').code] + 396).toBe(1342);
    expect(mate[row('sendr').code] + 665_000).toBe(685_000);
  });

  it('charges the lean profile the cycles measured on the firmware (vm/lean-costs.ts), a taken branch its own extra', () => {
    const lean = costTable('lean');
    for (const r of OPCODES) {
      const plain = LEAN_CYCLES[r.name];
      const notTaken = LEAN_CYCLES[`${r.name} not taken`];
      expect(lean[r.code], r.name).toBe(plain ?? notTaken);
      if (r.flow === 'branch') expect(lean[TAKEN_OFFSET + r.code], r.name).toBe(LEAN_CYCLES[`${r.name} taken`] - notTaken);
      else expect(lean[TAKEN_OFFSET + r.code], r.name).toBe(0);
    }
  });

  it("keeps SPEC 7's avr-gcc interpreter figures as each row's seed, the mate column's base", () => {
    const expected: Record<string, number> = {
      pushc: 67, add: 77, sub: 77, and: 77, or: 77, not: 71, copy: 73, pop: 43, swap: 85, eq: 84,
      lt: 80, gt: 80, blez: 59, jump: 49, getvar: 71, setvar: 72, rand: 74, putled: 53,
    };
    for (const [name, cycles] of Object.entries(expected)) expect(row(name).seedLean, name).toBe(cycles);
    expect(row('blez').taken).toBe(68 - 59);
    expect(costTable('mate')[TAKEN_OFFSET + row('blez').code]).toBe(68 - 59);
  });

  it('derives unmeasured mate costs as lean plus the overhead calibrated on and', () => {
    expect(MATE_OVERHEAD).toBe(469 - 77);
    expect(row('swap').mate).toBe(85 + MATE_OVERHEAD);
  });
});
