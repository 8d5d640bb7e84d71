// The consensus capsules of capsules/flp/ on plain VMs, one rule at a time (README there): the
// start, the report and proposal steps, the decision on the heap and the LEDs, stale and early
// messages, and the quorum the synchronous model never reaches.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../cli/paths.js';
import { HEAP, readMote } from '../../../capsules/flp/protocol.js';
import { EXTENDED_MAX_BYTES } from '../../../vm/capsule.js';
import { flpCapsules } from './helpers.js';
import { RawRun } from './raw-run.js';

/** Deliver the message from src to dst of that step. */
function deliver(run: RawRun, src: number, dst: number, step: number): void {
  const index = run.messages.findIndex((m) => m.src === src && m.dst === dst && m.step === step);
  if (index < 0) throw new Error(`no message ${src} -> ${dst} of step ${step}`);
  run.apply({ kind: 'deliver', index });
}

function view(run: RawRun, mote: number): ReturnType<typeof readMote> {
  return readMote(run.vms[mote].inspect());
}

function sentBy(run: RawRun, src: number): string[] {
  return run.messages.filter((m) => m.src === src).map((m) => `${m.dst}:[${m.step},${m.value}]`);
}

describe('the flp capsules', () => {
  it('fit extended capsules, and the README gives each file its context, its true size and the total', () => {
    const dir = join(packageRoot, 'capsules', 'flp');
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    const files = readdirSync(dir).filter((f) => f.endsWith('.mate')).sort();
    const rows = flpCapsules().map((c, k) => {
      expect(c.code.length).toBeLessThanOrEqual(EXTENDED_MAX_BYTES);
      return `| ${files[k]} | ${c.type} | ${c.code.length} |`;
    });
    for (const row of rows) expect(readme).toContain(row);
    expect(readme).toContain(`All: ${flpCapsules().reduce((sum, c) => sum + c.code.length, 0)} bytes`);
  });

  it('start a mote by counting its input and broadcasting [0, input]; the input is then cleared', () => {
    const run = new RawRun([1, 0, 0]);
    run.apply({ kind: 'start', mote: 0 });
    expect(sentBy(run, 0)).toEqual(['1:[0,1]', '2:[0,1]']);
    expect(view(run, 0)).toMatchObject({ started: true, step: 0, value: 1, input: 0, counts: [[0, 1, 0], [0, 0, 0], [0, 0, 0]] });
  });

  it('propose the value of a majority at the end of a report step, blank without one', () => {
    const run = new RawRun([1, 1, 0]);
    for (const mote of [0, 1, 2]) run.apply({ kind: 'start', mote });
    deliver(run, 1, 0, 0);
    expect(view(run, 0)).toMatchObject({ step: 1, value: 1 });
    deliver(run, 2, 1, 0);
    expect(view(run, 1)).toMatchObject({ step: 1, value: 2 });
    expect(sentBy(run, 1).filter((m) => m.endsWith(',2]'))).toEqual(['0:[1,2]', '2:[1,2]']);
  });

  it('decide on two proposals for a value, show it on the LEDs, and keep going', () => {
    const run = new RawRun([1, 1, 1]);
    for (const mote of [0, 1, 2]) run.apply({ kind: 'start', mote });
    deliver(run, 1, 0, 0);
    deliver(run, 0, 1, 0);
    deliver(run, 1, 0, 1);
    expect(view(run, 0)).toMatchObject({ step: 2, value: 1, decision: 1 });
    expect(run.vms[0].inspect().heap[HEAP.decision].value).toBe(2);
    expect(run.leds[0]).toBe(4);
    expect(view(run, 1).decision).toBe(-1);
  });

  it('adopt a proposal seen once without deciding, and take the coin 0 when all were blank', () => {
    const run = new RawRun([1, 1, 0]);
    for (const mote of [0, 1, 2]) run.apply({ kind: 'start', mote });
    deliver(run, 1, 0, 0); // mote 0 proposes 1
    deliver(run, 2, 1, 0); // mote 1 proposes blank
    deliver(run, 0, 2, 0); // mote 2 proposes blank
    deliver(run, 0, 1, 1); // mote 1: blank and 1
    expect(view(run, 1)).toMatchObject({ step: 2, value: 1, decision: -1 });
    deliver(run, 1, 2, 1); // mote 2: blank and blank
    expect(view(run, 2)).toMatchObject({ step: 2, value: 0, decision: -1 });
  });

  it('ignore a message of a step the mote has left', () => {
    const run = new RawRun([1, 1, 0]);
    for (const mote of [0, 1, 2]) run.apply({ kind: 'start', mote });
    deliver(run, 1, 0, 0);
    const before = run.vms[0].inspect();
    const sent = run.messages.length;
    deliver(run, 2, 0, 0);
    const after = run.vms[0].inspect();
    expect(after.heap).toEqual(before.heap);
    expect(run.messages.length).toBe(sent - 1);
  });

  it('count early messages in the window and use them on arrival, crossing two steps in one handler', () => {
    const run = new RawRun([1, 1, 0]);
    for (const mote of [0, 1, 2]) run.apply({ kind: 'start', mote });
    deliver(run, 1, 0, 0);
    deliver(run, 0, 1, 0); // motes 0 and 1 propose 1
    deliver(run, 0, 1, 1); // mote 1 decides 1 and enters step 2
    deliver(run, 1, 2, 1); // mote 2 has not left step 0: the proposal is counted for step 1
    expect(view(run, 2)).toMatchObject({ step: 0, counts: [[1, 0, 0], [0, 1, 0], [0, 0, 0]] });
    deliver(run, 1, 2, 0); // quorum for step 0 (blank), then step 1 is complete too: adopt 1
    expect(view(run, 2)).toMatchObject({ step: 2, value: 1, decision: -1 });
  });

  it('only count messages before the mote starts', () => {
    const run = new RawRun([0, 0, 0]);
    run.apply({ kind: 'start', mote: 0 });
    deliver(run, 0, 1, 0);
    expect(view(run, 1)).toMatchObject({ started: false, step: 0, counts: [[1, 0, 0], [0, 0, 0], [0, 0, 0]] });
    expect(sentBy(run, 1)).toEqual([]);
    run.apply({ kind: 'start', mote: 1 });
    expect(view(run, 1)).toMatchObject({ started: true, step: 1, value: 0 });
  });
});
