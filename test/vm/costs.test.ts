// SPEC 7 "Interpretation cost (Maté, ASPLOS 2002)": in the mate profile, and, rand, sense and
// sendr cost 469, 435, 1342 and 685,000 cycles, measured issue-to-resume on the single host as
// the time between two LED changes minus the table cost of everything else between them.

import { describe, expect, it } from 'vitest';
import { costTable, opcodeByName } from '../../vm/opcodes.js';
import { CYCLE_NS, runSingleMote } from '../../vm/single-host.js';
import { capsule } from './helpers.js';

const MATE = costTable('mate');

function costOf(line: string): number {
  const row = opcodeByName(line.split(' ')[0]);
  if (row === undefined) throw new Error(`not an instruction: ${line}`);
  return MATE[row.code];
}

/** Cycles from issuing `op` to the next instruction starting. */
function issueToResume(setup: string[], op: string, cleanup: string[]): number {
  const program = capsule('.capsule once', 'pushc 1', 'putled', ...setup, op, ...cleanup, 'pushc 2', 'putled');
  const { ledChanges } = runSingleMote([program], { seconds: 1 });
  expect(ledChanges.map((c) => c.leds)).toEqual([1, 2]);
  const between = Math.round(((ledChanges[1].t - ledChanges[0].t) * 1e9) / CYCLE_NS);
  return between - [...setup, ...cleanup, 'pushc', 'putled'].reduce((sum, line) => sum + costOf(line), 0);
}

function expectWithinTenPercent(measured: number, paper: number): void {
  expect(Math.abs(measured - paper) / paper).toBeLessThanOrEqual(0.1);
}

describe('SPEC 7 Maté interpretation costs on the single host', () => {
  it('and (simple) takes 469 cycles', () => {
    const measured = issueToResume(['pushc 3', 'pushc 5'], 'and', ['pop']);
    expectWithinTenPercent(measured, 469);
    expect(measured).toBe(469);
  });

  it('rand (downcall) takes 435 cycles', () => {
    const measured = issueToResume([], 'rand', ['pop']);
    expectWithinTenPercent(measured, 435);
    expect(measured).toBe(435);
  });

  it('sense (quick split-phase) takes 1342 cycles: 946 interpreting and 396 converting', () => {
    const measured = issueToResume(['pushc 1'], 'sense', ['pop']);
    expectWithinTenPercent(measured, 1342);
    expect(measured).toBe(946 + 396);
  });

  it('sendr (long split-phase) takes 685,000 cycles: 20,000 interpreting and 665,000 in the radio stack', () => {
    const measured = issueToResume(['pushm', 'pushc 9', 'add', 'pushc 1'], 'sendr', []);
    expectWithinTenPercent(measured, 685_000);
    expect(measured).toBe(20_000 + 665_000);
  });
});
