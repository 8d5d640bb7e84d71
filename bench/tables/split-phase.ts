// Issue-to-resume of the split-phase operations (sense, send, sendr, forw, forwo), as Maté's paper
// timed them (ASPLOS 2002; SPEC 7): from the moment the instruction issues to the moment its context
// runs again. Measured differentially from LED changes: a clock capsule toggles the red LED, sets up
// the operands, issues the operation, toggles again; a control capsule does the same without the
// operation. The difference between the two gaps is the operation's issue-to-resume, including the
// host's latency (the ADC, the radio), with nothing taken from the cost table.

import type { CostProfile } from '../../vm/opcodes.js';
import { CYCLE_NS, runSingleMote } from '../../vm/single-host.js';
import { benchNet, capsuleOf, SECOND_NS } from './mote-net.js';
import type { OpCase } from './op-cases.js';

const TOGGLE = ['pushc 25', 'putled']; // putled 0x19: toggle red, so every firing changes the LEDs

/** The case's lines up to and including the operation, between two toggles; and without it. */
function bodies(c: OpCase): { measured: string[]; control: string[] } {
  const at = c.lines.findIndex((line) => line.split(/\s+/)[0] === c.op);
  if (at < 0) throw new Error(`bench case ${c.label}: ${c.op} is not one of its lines`);
  const setup = c.lines.slice(0, at);
  return {
    measured: [...TOGGLE, ...setup, c.lines[at], ...TOGGLE, 'halt'],
    control: [...TOGGLE, ...setup, ...TOGGLE, 'halt'],
  };
}

/** Nanoseconds between the first two LED changes at or after `from`. */
function gap(times: readonly number[], from: number): number {
  const after = times.filter((t) => t >= from);
  if (after.length < 2) throw new Error('bench split-phase run: the capsule did not toggle the LEDs twice');
  return after[1] - after[0];
}

/** On vm/single-host.ts, the timing of Maté's 2002 measurements: the first clock firing. */
export function singleHostCycles(c: OpCase, profile: CostProfile, seed: number): number {
  const run = (lines: string[]): number => {
    const report = runSingleMote([capsuleOf('clock', lines, c.op)], { seconds: 1.5, profile, seed });
    return gap(report.ledChanges.map((l) => Math.round(l.t * 1e9)), SECOND_NS);
  };
  const { measured, control } = bodies(c);
  return (run(measured) - run(control)) / CYCLE_NS;
}

/**
 * On the emulated mote (sim/), mote 1 of a two-mote line with mote 0 as the base station, at the
 * second clock firing: sensors are on by then (Maté's quick split-phase sense), and a send meets the
 * mote's CSMA backoff, so the figure varies with the seed.
 */
export function moteCycles(c: OpCase, profile: CostProfile, seed: number): number {
  const firing = 2 * SECOND_NS;
  const run = (lines: string[]): number => {
    const { net, of } = benchNet({ topology: 'line:2', profile, seed });
    net.inject(1, capsuleOf('clock', lines, c.op), 0);
    net.runUntil(firing + 0.5 * SECOND_NS);
    return gap(of('led', 1).map((r) => r.t), firing);
  };
  const { measured, control } = bodies(c);
  return (run(measured) - run(control)) / CYCLE_NS;
}
