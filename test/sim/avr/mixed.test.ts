// AVR motes in a network (issue 14): `mote sim --avr-motes`, `mote run --mote avr`, in-process.

import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../../cli/io.js';
import { main } from '../../../cli/main.js';
import { shippedCapsule } from '../../../cli/paths.js';

async function mote(...argv: string[]) {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

interface SimJson {
  avrMotes: number[];
  traps: number;
  installs: number;
  ledChanges: number;
  capsules: { coverage: number }[];
}

describe('mote sim --avr-motes', () => {
  const cnt = `${shippedCapsule('cnt_to_leds.mate')}@0:1s`;

  it('spreads code from an AVR mote through abstract ones and back to AVR motes, and says which were AVR motes', async () => {
    const { code, out } = await mote('sim', '--topology', 'grid:4x4', '--spacing', '10', '--inject', cnt, '--seconds', '20', '--avr-motes', '0,5,15', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out) as SimJson;
    expect(report.avrMotes).toEqual([0, 5, 15]);
    expect(report.capsules[0].coverage).toBe(1);
    expect(report.installs).toBe(16);
    expect(report.traps).toBe(0);
  });

  it("runs a network of AVR motes only with 'all', the LEDs counting as on abstract motes", async () => {
    const run = async (...extra: string[]) => {
      const { out } = await mote('sim', '--topology', 'grid:3x3', '--spacing', '10', '--inject', cnt, '--seconds', '12', '--json', ...extra);
      return JSON.parse(out) as SimJson;
    };
    const avr = await run('--avr-motes', 'all');
    const abstract = await run();
    expect(avr.avrMotes).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(abstract.avrMotes).toEqual([]);
    expect(avr.ledChanges).toBeGreaterThan(9 * 5);
    expect(Math.abs(avr.ledChanges - abstract.ledChanges)).toBeLessThanOrEqual(9);
  });

  it('refuses a mote outside the network and a list that is not ids, in one line', async () => {
    const outside = await mote('sim', '--topology', 'grid:3x3', '--avr-motes', '9', '--seconds', '1');
    expect(outside.code).not.toBe(0);
    expect(outside.err.trim().split('\n')).toHaveLength(1);
    expect(outside.err).toContain('--avr-motes');
    const junk = await mote('sim', '--topology', 'grid:3x3', '--avr-motes', '1,x', '--seconds', '1');
    expect(junk.code).not.toBe(0);
    expect(junk.err).toContain('--avr-motes');
  });
});

describe('mote run --mote avr', () => {
  it('counts on the LEDs as the abstract mote does, with more cycles measured than the lean table charges', async () => {
    const avr = JSON.parse((await mote('run', '--mote', 'avr', shippedCapsule('cnt_to_leds.mate'), '--seconds', '5', '--json')).out);
    const lean = JSON.parse((await mote('run', '--profile', 'lean', shippedCapsule('cnt_to_leds.mate'), '--seconds', '5', '--json')).out);
    expect(avr.ledChanges.map((c: { leds: number }) => c.leds)).toEqual(lean.ledChanges.map((c: { leds: number }) => c.leds));
    expect(avr.instructions).toBe(lean.instructions);
    expect(avr.cycles).toBeGreaterThan(lean.cycles);
  });

  it('refuses --trace on the AVR mote', async () => {
    const { code, err } = await mote('run', '--mote', 'avr', '--trace', shippedCapsule('cnt_to_leds.mate'));
    expect(code).not.toBe(0);
    expect(err).toContain('--trace');
  });
});
