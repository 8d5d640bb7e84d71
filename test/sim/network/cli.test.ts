// `mote sim` and `mote trace` in-process (STYLE 11), on a program of their own until cli/main.ts
// registers them: the summary's fields, the trace file round trip, and one-line errors.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerSim } from '../../../cli/commands/sim.js';
import { registerTrace } from '../../../cli/commands/trace.js';
import { bufferIo, UserError } from '../../../cli/io.js';
import { shippedCapsule } from '../../../cli/paths.js';

async function mote(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return moteOn(false, ...argv);
}

async function moteOn(tty: boolean, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo(tty);
  const program = new Command('mote').exitOverride().configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  registerSim(program, io);
  registerTrace(program, io);
  for (const c of program.commands) c.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return { code: 0, out: io.out, err: io.err };
  } catch (error) {
    if (error instanceof UserError) return { code: 1, out: io.out, err: `${io.err}${error.message}\n` };
    if (error instanceof CommanderError) return { code: error.exitCode === 0 ? 0 : 1, out: io.out, err: io.err };
    throw error;
  }
}

const senseAndSend = shippedCapsule('sense_and_send.mate');
const base = ['sim', '--topology', 'grid:4x4', '--spacing', '5', '--radio', 'empirical', '--load', senseAndSend, '--seconds', '5', '--seed', '1'];

describe('mote sim', () => {
  it('prints a JSON summary with the fields the issue asks for, energy by component summing to the total', async () => {
    const { code, out } = await mote(...base, '--json');
    expect(code).toBe(0);
    const s = JSON.parse(out);
    expect(s.motes).toBe(16);
    expect(s.simulatedSeconds).toBe(5);
    expect(s.events).toBeGreaterThan(0);
    expect(s.wallSeconds).toBeGreaterThan(0);
    for (const k of ['transmissions', 'receptions', 'collisions', 'lost']) expect(typeof s.radio[k]).toBe('number');
    expect(s.radio.transmissions).toBeGreaterThan(0);
    const parts = Object.values(s.energy.byComponent as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(parts).toBeCloseTo(s.energy.totalJoules, 9);
    expect(s.energy.meanCurrentMicroAmps).toBeGreaterThan(6000); // radio listening 3.6 mA + CPU idle 2.4 mA, and work
    expect(s.traps).toBe(0);
  });

  it('gives the same summary for the same seed', async () => {
    const strip = (text: string) => ({ ...JSON.parse(text), wallSeconds: 0 });
    expect(strip((await mote(...base, '--json')).out)).toEqual(strip((await mote(...base, '--json')).out));
  });

  it('prints a readable summary without --json', async () => {
    const { code, out } = await mote(...base);
    expect(code).toBe(0);
    expect(out).toMatch(/^16 motes \(grid 4x4, 5 ft spacing\)/);
    expect(out).toMatch(/radio: \d+ transmissions, \d+ receptions, \d+ collisions/);
    expect(out).toContain('energy:');
  });

  it('writes a CBOR trace that mote trace prints as text and as JSON lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mote-sim-'));
    const file = join(dir, 'run.cbor');
    const { code, out } = await mote(...base, '--trace', file, '--fault', 'crash:3@2s', '--json');
    expect(code).toBe(0);
    const records = JSON.parse(out).traceRecords;
    const text = await mote('trace', file);
    expect(text.code).toBe(0);
    expect(text.out.trimEnd().split('\n')).toHaveLength(records);
    expect(text.out).toMatch(/2\.000000000 s +mote 3 +crash/);
    const json = await mote('trace', file, '--json');
    const lines = json.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(records);
    expect(lines[0]).toEqual({ t: 0, e: 'boot', m: 0 });
  });

  it('names the file and the record when a trace is cut off', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mote-sim-'));
    const file = join(dir, 'run.cbor');
    await mote(...base, '--trace', file);
    const cut = join(dir, 'cut.cbor');
    const bytes = readFileSync(file);
    writeFileSync(cut, bytes.subarray(0, bytes.length - 3));
    const { code, err } = await mote('trace', cut);
    expect(code).toBe(1);
    expect(err).toMatch(new RegExp(`^${cut.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: record \\d+ at byte \\d+ of \\d+ is cut off`));
    expect(err.trimEnd().split('\n')).toHaveLength(1);
  });

  const bad: [string, string[]][] = [
    ['an unknown topology', ['--topology', 'star:5']],
    ['an unknown radio', ['--radio', 'laser']],
    ['a negative duration', ['--seconds', '-1']],
    ['a fault at a mote that does not exist', ['--fault', 'crash:99@1s']],
    ['a malformed random schedule', ['--faults', 'chaos']],
    ['an unknown timing model', ['--timing', 'warp']],
    ['an unknown link layer', ['--link-layer', 'carrier-pigeon']],
    ['a preamble too long', ['--preamble', '300']],
    ['a malformed injection', ['--inject', 'nothing-here']],
    ['a missing capsule', ['--load', 'no/such/file.mate']],
    ['a bad Trickle spec', ['--trickle', 'imin=fast']],
  ];
  for (const [what, flags] of bad) {
    it(`rejects ${what} with one line and exit 1`, async () => {
      const { code, err } = await mote('sim', '--topology', 'grid:3x3', '--seconds', '1', ...flags);
      expect(code).toBe(1);
      expect(err.trimEnd().split('\n')).toHaveLength(1);
      expect(err).not.toMatch(/at .*\.ts:\d+/);
    });
  }

  it('shows a progress bar on a terminal only', async () => {
    const tty = await moteOn(true, ...base, '--json');
    expect(tty.err).toContain('100%');
    const pipe = await moteOn(false, ...base, '--json');
    expect(pipe.err).toBe('');
  });

  it('reads a topology file and a sensor trace file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mote-sim-'));
    const topo = join(dir, 'three.txt');
    writeFileSync(topo, '0 0 0\n1 5 0\n2 10 0\n');
    const light = join(dir, 'light.txt');
    writeFileSync(light, '0 * 1 1000\n');
    const { code, out } = await mote('sim', '--topology', `file:${topo}`, '--radio', 'disk', '--sensor-trace', light, '--load', shippedCapsule('sense_to_leds.mate'), '--seconds', '2', '--json');
    expect(code).toBe(0);
    const s = JSON.parse(out);
    expect(s.motes).toBe(3);
    expect(s.ledChanges).toBe(3); // 1000 >> 7 = 7: every mote lights all three LEDs once
  });

  it('explains the fault syntax and shows examples in --help', async () => {
    const { out } = await mote('sim', '--help');
    for (const text of ['crash:M@T', 'partition:EXPR@T', 'heal@T', 'random:SEED', 'Examples:', '--link-layer', '--timing']) expect(out).toContain(text);
  });
});
