// Traps with their source places beyond `mote run`: `mote sim`'s trap sites (summary and --json),
// capsule files that keep the TinyScript source map (and older ones without it), and the
// dashboard's log.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCapsuleFile, writeCapsuleFile } from '../../assembler/capsule-file.js';
import { NetworkSource } from '../../cli/dash/network-source.js';
import { sourceOptions } from '../../cli/dash/setup.js';
import { formatTrapSites, SHOWN_TRAP_SITES, type PlacedTrapSite } from '../../cli/trap-sites.js';
import { MAX_TRAP_SITES, TrapSites } from '../../sim/network/trap-sites.js';
import { mote, oneLine } from './helpers.js';

/** Divides by zero on line 5, column 7, as soon as it is installed. */
const TRAP = 'handler once;\nprivate x;\nprivate y;\nx = 5;\nled(x / y);\n';
const TRAP_ASM = '.name "z"\n.capsule once\npushc 1\npushc 0\ndiv\nhalt\n';

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mote-trapsrc-'));
  writeFileSync(join(dir, 'trap.tinyscript'), TRAP);
  writeFileSync(join(dir, 'z.mate'), TRAP_ASM);
  return dir;
}

interface SimJson {
  traps: number;
  installs: number;
  trapSites: PlacedTrapSite[];
}

async function simJson(...argv: string[]): Promise<SimJson> {
  const { code, out, err } = await mote('sim', '--topology', 'grid:3x3', '--seconds', '2', '--json', ...argv);
  expect([code, err]).toEqual([0, '']);
  return JSON.parse(out) as SimJson;
}

describe('mote sim trap sites', () => {
  it('lists each distinct trap with its TinyScript place, a count and the first mote and time', async () => {
    const file = join(scratch(), 'trap.tinyscript');
    const { code, out } = await mote('sim', '--topology', 'grid:3x3', '--load', file, '--seconds', '2');
    expect(code).toBe(0);
    expect(out).toContain('vm: 9 installs, 9 traps,');
    expect(out).toMatch(new RegExp(`\\ntrap sites \\(1\\):\\n  trap pc 4 \\(${file.replace(/[.]/g, '\\.')}:5:7\\): division by zero, 9 times, first on mote \\d at [\\d.]+ s\\n`));
    const json = await simJson('--load', file);
    expect(json.traps).toBe(9);
    expect(json.installs).toBe(9);
    expect(json.trapSites).toEqual([
      { capsule: 'trap', pc: 4, reason: 'division by zero', count: 9, firstMote: expect.any(Number), firstT: expect.any(Number), place: `${file}:5:7` },
    ]);
    expect(json.trapSites[0].firstT).toBeLessThan(0.01);
  });

  it('names a trap of injected TinyScript too, and gives assembly only its pc', async () => {
    const dir = scratch();
    const injected = await simJson('--inject', `${join(dir, 'trap.tinyscript')}@4:1s`);
    expect(injected.trapSites[0]).toMatchObject({ capsule: 'trap', pc: 4, place: `${join(dir, 'trap.tinyscript')}:5:7` });
    const asm = await simJson('--load', join(dir, 'z.mate'));
    expect(asm.trapSites).toEqual([{ capsule: 'z', pc: 2, reason: 'division by zero', count: 9, firstMote: expect.any(Number), firstT: expect.any(Number) }]);
    expect((await mote('sim', '--topology', 'grid:3x3', '--load', join(dir, 'z.mate'), '--seconds', '2')).out).toMatch(/\n {2}z pc 2: division by zero, 9 times/);
  });

  it('gives no place when capsules of one name but different code are loaded: the trap could be either', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'trap.mate'), TRAP_ASM.replace('"z"', '"trap"'));
    const json = await simJson('--load', join(dir, 'trap.mate'), '--inject', `${join(dir, 'trap.tinyscript')}@0:1s:v2`);
    expect(json.trapSites.length).toBeGreaterThan(0);
    for (const site of json.trapSites) expect(site).not.toHaveProperty('place');
  });

  it('has an empty list and no summary lines when nothing traps', async () => {
    expect((await simJson('--load', 'capsules/cnt_to_leds.tinyscript')).trapSites).toEqual([]);
    expect((await mote('sim', '--topology', 'grid:3x3', '--load', 'capsules/cnt_to_leds.mate', '--seconds', '2')).out).not.toContain('trap sites');
  });

  it('stays bounded: a few sites for people, at most MAX_TRAP_SITES kept', () => {
    const tally = new TrapSites();
    for (let pc = 0; pc < MAX_TRAP_SITES + 50; pc++) for (let mote = 0; mote < 3; mote++) tally.record(mote, { t: pc * 1e9, capsule: 'c', pc, reason: 'bad jump' });
    const sites = tally.list();
    expect(sites).toHaveLength(MAX_TRAP_SITES);
    expect(sites[7]).toEqual({ capsule: 'c', pc: 7, reason: 'bad jump', count: 3, firstMote: 0, firstT: 7 });
    const lines = formatTrapSites(sites);
    expect(lines).toHaveLength(SHOWN_TRAP_SITES + 2);
    expect(lines[0]).toBe(`trap sites (${MAX_TRAP_SITES}, the most kept):`);
    expect(lines[1]).toBe('  c pc 0: bad jump, 3 times, first on mote 0 at 0 s');
    expect(lines[lines.length - 1]).toBe(`  ... and ${MAX_TRAP_SITES - SHOWN_TRAP_SITES} more (--json lists them all)`);
  });
});

describe('capsule files and source places', () => {
  it('keep the source map: run, sim and the file name the TinyScript line', async () => {
    const dir = scratch();
    const cap = join(dir, 'trap.cap');
    expect((await mote('compile', join(dir, 'trap.tinyscript'), '-o', cap)).code).toBe(0);
    const read = readCapsuleFile(new Uint8Array(readFileSync(cap)), cap);
    expect(read.ok && read.sourceMap?.file).toBe('trap.tinyscript');
    expect((await mote('run', cap, '--seconds', '1')).out).toContain('trap pc 4 (trap.tinyscript:5:7): division by zero');
    expect((await simJson('--load', cap)).trapSites[0].place).toBe('trap.tinyscript:5:7');
  });

  it('still load without one (files written before the map): pcs only', async () => {
    const dir = scratch();
    const cap = join(dir, 'old.cap');
    await mote('compile', join(dir, 'trap.tinyscript'), '-o', cap);
    const read = readCapsuleFile(new Uint8Array(readFileSync(cap)), cap);
    if (!read.ok) throw new Error(read.error);
    writeFileSync(cap, writeCapsuleFile(read.capsule, read.source));
    const run = await mote('run', cap, '--seconds', '1');
    expect([run.code, run.err]).toEqual([0, '']);
    expect(run.out).toContain('trap pc 4: division by zero');
    expect((await simJson('--load', cap)).trapSites[0]).not.toHaveProperty('place');
  });

  it('refuse a hostile map in one line', async () => {
    const dir = scratch();
    const cap = join(dir, 'bad.cap');
    const capsule = { type: 'once' as const, version: 1, name: 'trap', code: Uint8Array.from([0xc1, 0xc0, 0x2c, 0x00]) };
    writeFileSync(cap, writeCapsuleFile(capsule, TRAP, undefined, { file: 'trap.tinyscript', places: [{ pc: 9, line: 1, col: 1 }] }));
    for (const argv of [['run', cap], ['sim', '--topology', 'grid:2x2', '--load', cap]]) {
      const { code, err } = await mote(...argv);
      expect(code).toBe(1);
      expect(oneLine(err)).toBe(true);
      expect(err).toBe(`${cap}: bad source map: pc 9 at place 0 (expected ascending pcs inside the 4-byte code)\n`);
    }
  });
});

describe('the dashboard log', () => {
  it("shows a TinyScript capsule's trap with its file:line", () => {
    const file = join(scratch(), 'trap.tinyscript');
    const source = new NetworkSource(sourceOptions({ topology: 'grid:2x2', load: [file], inject: [], seconds: 10, seed: 1, profile: 'mate', fault: [], bootSpread: 0, speed: 1 }));
    source.runUntil(1e9);
    const traps = source.recentEvents().filter((e) => e.kind === 'trap');
    expect(traps).toHaveLength(4);
    expect(traps[0].detail).toBe('trap pc 4 (trap.tinyscript:5): division by zero');
  });
});
