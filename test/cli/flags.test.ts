// The flag layer (issue 19, defects 6-10 and the misleading flags): ranges checked at the flag with
// the limit named, flags that do not apply refused by name, one number grammar, one capsule per type,
// CR-only sources, and warnings for events after the run ends.

import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCapsuleFile } from '../../assembler/capsule-file.js';
import { MAX_SIMULATED_SECONDS, parseDecimal, parseWhole } from '../../cli/flags.js';
import { shippedCapsule } from '../../cli/paths.js';
import { mote, oneLine, scratch } from './helpers.js';

const counter = shippedCapsule('cnt_to_leds.mate');
const sense = shippedCapsule('sense_to_leds.mate');

async function refused(argv: string[], message: RegExp): Promise<void> {
  const { code, err } = await mote(...argv);
  expect(code, argv.join(' ')).toBe(1);
  expect(oneLine(err), err).toBe(true);
  expect(err).toMatch(message);
}

describe('run length is bounded at the flag, with the limit named', () => {
  it('refuses simulated times past 2^53 ns (104 days)', async () => {
    expect(MAX_SIMULATED_SECONDS).toBe(9007199);
    const limit = /<= 9007199 s \(simulated time is whole ns, exact up to 2\^53 ns: 104 days\)/;
    await refused(['run', counter, '--seconds', '1e12'], limit);
    await refused(['sim', '--seconds', '9000000000000000'], limit);
    await refused(['sim', '--topology', 'line:2', '--reply-delay', '10000000'], limit);
    await refused(['sim', '--topology', 'line:2', '--reply-delay', '1e300'], limit);
    await refused(['dash', '--seconds', '1e12'], limit);
  });

  it('refuses algorithm runs past 10,000 rounds and failures after the run ends', async () => {
    await refused(['algo', 'lamport', '--steps', '1000000000'], /--steps wants a whole number >= 0 and <= 10000, got '1000000000'/);
    await refused(['algo', 'tree', '--fail-at', '1000000000'], /--fail-at wants a whole number >= 0 and <= 10000/);
    await refused(['algo', 'tree', '--fail-at', '5000'], /^--fail-at 5000: the run has 60 rounds \(6 beacon periods\); the failure would never happen\n$/);
  });

  it('refuses a diagram window wider than 2000 ticks instead of running out of memory', async () => {
    const dir = scratch();
    const trace = join(dir, 'al.cbor');
    await mote('algo', 'lamport', '--topology', 'line:4', '--steps', '12', '--trace', trace);
    await refused(['diagram', trace, '--svg', join(dir, 'd.svg'), '--to', '1000000000000'], /--to wants a number >= 0 and <= 9007199/);
    await refused(['diagram', trace, '--svg', join(dir, 'd.svg'), '--to', '100000'], /a diagram shows at most 2000 ticks/);
  });

  it('periods and counts that 0 would make meaningless start at 1', async () => {
    await refused(['algo', 'tree', '--beacon-period', '0'], /--beacon-period wants a whole number >= 1/);
    await refused(['algo', 'aggregate', '--epochs', '0'], /--epochs wants a whole number >= 1/);
    await refused(['algo', 'tree', '--reading-period', '0'], /--reading-period wants a whole number >= 1/);
  });
});

describe('a flag that does not apply, or a value out of range, is an error naming the flag', () => {
  it('sim: --range without a range-based radio, --area without a random layout, --round without sync timing', async () => {
    await refused(['sim', '--topology', 'line:2', '--range', '5'], /^--range does not apply: it is used only with --radio perfect or disk\n$/);
    await refused(['sim', '--topology', 'grid:3x3', '--area', '50'], /^--area does not apply: it is used only with --topology random:N\n$/);
    await refused(['sim', '--topology', 'line:2', '--round', '2'], /^--round does not apply: it is used only with --timing sync\n$/);
    expect((await mote('sim', '--topology', 'line:2', '--seconds', '1', '--radio', 'disk', '--range', '5')).code).toBe(0);
  });

  it('algo: flags of other algorithms, crash plans bigger than the network, a base station that hears nobody', async () => {
    await refused(['algo', 'lamport', '--crashes', 'chain:2'], /^--crashes does not apply to lamport: it is used by floodset, floodmax and lcr\n$/);
    await refused(['algo', 'floodset', '--topology', 'clique:5', '--crashes', 'chain:99'], /^--crashes chain:99: a chain of 99 crashes needs at least 101 motes; the topology has 5\n$/);
    await refused(['algo', 'tree', '--fail', '0'], /^--fail 0: tree fails one of motes 1\.\.24 \(mote 0 is the base station\)\n$/);
    await refused(['algo', 'tree', '--range', '1'], /^--range 1: no mote is within range of mote 0 \(motes are at least 10 ft apart\)\n$/);
  });

  it('sim --reply-delay without code to spread is a warning, not an error', async () => {
    const { code, err } = await mote('sim', '--topology', 'line:2', '--seconds', '1', '--reply-delay', '1');
    expect(code).toBe(0);
    expect(err).toBe('warning: --reply-delay does not apply: it is used only when code spreads (--inject, --trickle, --key, --attacker); ignored\n');
  });

  it('--trickle imin=-1 is out of range, not "not a number"', async () => {
    await refused(['sim', '--topology', 'line:2', '--trickle', 'imin=-1'], /imin=-1: must be between 1 ns and 2\^53 ns/);
  });
});

describe('events after the run ends are warned about', () => {
  it('an injection and a fault at 100 s in a 5 s run', async () => {
    const { code, err } = await mote('sim', '--topology', 'line:4', '--seconds', '5', '--inject', `${counter}@0:100s`, '--fault', 'crash:3@100s');
    expect(code).toBe(0);
    expect(err).toContain(`warning: --inject ${counter}@0:100s is at 100 s, after the run ends at 5 s: it never happens\n`);
    expect(err).toContain('warning: --fault crash:3@100s is at 100 s, after the run ends at 5 s: it never happens\n');
  });
});

describe('the same rule everywhere', () => {
  it('two clock capsules: run and sim --load both refuse the second', async () => {
    await refused(['run', counter, sense], /sense_to_leds\.mate: a second clock capsule/);
    await refused(['sim', '--topology', 'line:2', '--load', counter, '--load', sense], /^--load .*sense_to_leds\.mate: a second clock capsule \(.*cnt_to_leds\.mate is one already\); give one per type\n$/);
  });

  it('numbers: 007 is 7, 0x10 and Infinity are not numbers', () => {
    expect(parseWhole('007')).toBe(7);
    expect(parseDecimal('1e3')).toBe(1000);
    expect(parseDecimal('0x10')).toBeUndefined();
    expect(parseDecimal('Infinity')).toBeUndefined();
    expect(parseDecimal('')).toBeUndefined();
    expect(parseWhole('2.0')).toBeUndefined();
  });

  it('a sensor trace naming mote 007 applies to mote 7', async () => {
    const dir = scratch();
    const program = join(dir, 'sense.mate');
    writeFileSync(program, '.name s\n.capsule clock\n.version 1\n  pushc 1\n  sense\n  putled\n  halt\n');
    for (const mote7 of ['7', '007']) {
      const trace = join(dir, `t${mote7}.txt`);
      writeFileSync(trace, `0 ${mote7} 1 1000\n`);
      const file = join(dir, `run${mote7}.cbor`);
      expect((await mote('sim', '--topology', 'line:8', '--seconds', '2', '--load', program, '--sensor-trace', trace, '--trace', file)).code).toBe(0);
      const { out } = await mote('trace', file, '--json');
      const readings = out.trimEnd().split('\n').map((l) => JSON.parse(l)).filter((r) => r.e === 'sense' && r.m === 7);
      expect(readings.length, mote7).toBeGreaterThan(0);
      expect(readings.every((r) => r.value === 1000), mote7).toBe(true);
    }
  });
});

describe('line endings', () => {
  it('assembles a CR-only source to the same capsule as its LF form', async () => {
    const dir = scratch();
    const lf = join(dir, 'lf.mate');
    copyFileSync(counter, lf);
    const cr = join(dir, 'cr.mate');
    const crlf = join(dir, 'crlf.mate');
    const text = readFileSync(counter, 'utf8');
    writeFileSync(cr, text.replace(/\n/g, '\r'));
    writeFileSync(crlf, text.replace(/\n/g, '\r\n'));
    for (const f of [lf, cr, crlf]) expect((await mote('asm', f)).code).toBe(0);
    const code = (name: string): Uint8Array => {
      const read = readCapsuleFile(readFileSync(join(dir, name)), name);
      if (!read.ok) throw new Error(read.error);
      return read.capsule.code;
    };
    expect(code('lf.cap').length).toBe(9);
    expect(code('cr.cap')).toEqual(code('lf.cap'));
    expect(code('crlf.cap')).toEqual(code('lf.cap'));
  });

  it('an empty program is an error, not a 0-byte capsule', async () => {
    const dir = scratch();
    const empty = join(dir, 'empty.mate');
    writeFileSync(empty, '# only a comment\r');
    await refused(['asm', empty], /empty\.mate: no instructions; an empty program is not a capsule/);
  });
});
