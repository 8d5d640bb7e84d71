// Every shipped single-capsule assembly program has a TinyScript twin in capsules/ that behaves the
// same on an emulated mote (LED changes, packets sent, serial output, traps, all with their times)
// and compiles to at most 1.25 times the hand-written bytes.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../assembler/assemble.js';
import { compile } from '../../compiler/compile.js';
import type { Capsule } from '../../vm/capsule.js';
import { runSingleMote } from '../../vm/single-host.js';

const DIR = join(import.meta.dirname, '..', '..', 'capsules');

function fromAssembly(name: string): Capsule {
  const result = assemble(readFileSync(join(DIR, `${name}.mate`), 'utf8'), `${name}.mate`);
  if (!result.ok) throw new Error(result.errors[0].message);
  return result.capsule;
}

function fromTinyScript(name: string): Capsule {
  const result = compile(readFileSync(join(DIR, `${name}.tinyscript`), 'utf8'), { file: `${name}.tinyscript` });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n'));
  return result.capsule;
}

/** The shipped programs: a clock capsule and, for blink_loop, the subroutine it calls. */
const PROGRAMS: Record<string, string[]> = {
  cnt_to_leds: ['cnt_to_leds'],
  sense_and_send: ['sense_and_send'],
  sense_to_leds: ['sense_to_leds'],
  blink_loop: ['blink_loop', 'blink_loop_sub0'],
};

describe('TinyScript twins of the shipped capsules', () => {
  it('cover every top-level .mate file in capsules/', () => {
    const mate = readdirSync(DIR).filter((f) => f.endsWith('.mate')).map((f) => f.slice(0, -5)).sort();
    expect(Object.values(PROGRAMS).flat().sort()).toEqual(mate);
    for (const name of mate) expect(readdirSync(DIR)).toContain(`${name}.tinyscript`);
  });

  for (const [program, parts] of Object.entries(PROGRAMS)) {
    it(`${program} behaves exactly as the hand-written assembly for 90 simulated seconds, for three seeds`, () => {
      for (const seed of [1, 2, 3]) {
        const hand = runSingleMote(parts.map(fromAssembly), { seconds: 90, seed });
        const twin = runSingleMote(parts.map(fromTinyScript), { seconds: 90, seed });
        expect(twin.ledChanges).toEqual(hand.ledChanges);
        expect(twin.sent).toEqual(hand.sent);
        expect(twin.serial).toEqual(hand.serial);
        expect(twin.traps).toEqual(hand.traps);
        expect(hand.ledChanges.length + hand.sent.length).toBeGreaterThan(3);
      }
    });

    it(`${program} compiles to at most 1.25 times the hand-written bytes`, () => {
      for (const part of parts) {
        expect(fromTinyScript(part).code.length).toBeLessThanOrEqual(1.25 * fromAssembly(part).code.length);
      }
    });

    it(`${program} compiles to the very bytes of the hand-written assembly`, () => {
      for (const part of parts) expect(Array.from(fromTinyScript(part).code)).toEqual(Array.from(fromAssembly(part).code));
    });
  }
});
