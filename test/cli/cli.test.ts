// The `mote` command in-process (STYLE 11): exit codes, help, and every user error as one line.

import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../cli/io.js';
import { main } from '../../cli/main.js';
import { shippedCapsule } from '../../cli/paths.js';

async function mote(...argv: string[]) {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'mote-cli-'));
}

describe('mote --help', () => {
  it('lists every command and exits 0', async () => {
    const { code, out } = await mote('--help');
    expect(code).toBe(0);
    for (const command of ['asm', 'disasm', 'run']) expect(out).toContain(command);
  });

  it('explains every flag of each command with an example', async () => {
    for (const command of ['asm', 'disasm', 'run']) {
      const { code, out } = await mote(command, '--help');
      expect(code).toBe(0);
      expect(out).toContain('Example:');
    }
    const { out } = await mote('run', '--help');
    for (const flag of ['--seconds', '--json', '--profile', '--seed', '--trace']) expect(out).toContain(flag);
  });
});

describe('mote asm', () => {
  it('writes the capsule file next to the source and reports size, instructions, type and version', async () => {
    const dir = scratch();
    const source = join(dir, 'counter.mate');
    writeFileSync(source, readFileSync(shippedCapsule('cnt_to_leds.mate')));
    const { code, out } = await mote('asm', source);
    expect(code).toBe(0);
    expect(existsSync(join(dir, 'counter.cap'))).toBe(true);
    expect(out).toMatch(/counter\.cap: \d+ bytes, \d+ instructions, clock capsule '.*' version \d+/);
  });

  it('honours -o and reports JSON', async () => {
    const dir = scratch();
    const output = join(dir, 'out.cap');
    const { code, out } = await mote('asm', shippedCapsule('cnt_to_leds.mate'), '-o', output, '--json');
    expect(code).toBe(0);
    const summary = JSON.parse(out);
    expect(summary).toMatchObject({ output, type: 'clock', kind: 'classic' });
    expect(summary.bytes).toBeGreaterThan(0);
  });

  it('reports every assembly error with file:line:col and a caret, exits 1, and writes nothing', async () => {
    const dir = scratch();
    const source = join(dir, 'bad.mate');
    writeFileSync(source, 'pushc 1\nfrobnicate\npushc 99\n');
    const { code, err } = await mote('asm', source);
    expect(code).toBe(1);
    expect(err).toContain(`${source}:2:1:`);
    expect(err).toContain(`${source}:3:`);
    expect(err).toContain('^');
    expect(err).not.toMatch(/at .*\.ts:\d+/);
    expect(existsSync(join(dir, 'bad.cap'))).toBe(false);
  });

  it('keeps an existing capsule file when the new source fails to assemble', async () => {
    const dir = scratch();
    const output = join(dir, 'keep.cap');
    await mote('asm', shippedCapsule('cnt_to_leds.mate'), '-o', output);
    const before = readFileSync(output);
    const source = join(dir, 'broken.mate');
    writeFileSync(source, 'nonsense\n');
    expect((await mote('asm', source, '-o', output)).code).toBe(1);
    expect(readFileSync(output)).toEqual(before);
  });

  it('says so in one line when the file does not exist', async () => {
    const { code, err } = await mote('asm', '/nonexistent/x.mate');
    expect(code).toBe(1);
    expect(err.trim()).toBe('/nonexistent/x.mate: no such file');
  });
});

describe('mote disasm', () => {
  it('prints assembly that mote asm turns back into the identical bytes', async () => {
    const dir = scratch();
    const cap = join(dir, 'a.cap');
    await mote('asm', shippedCapsule('cnt_to_leds.mate'), '-o', cap);
    const listing = join(dir, 'b.mate');
    expect((await mote('disasm', cap, '-o', listing)).code).toBe(0);
    const again = join(dir, 'b.cap');
    expect((await mote('asm', listing, '-o', again)).code).toBe(0);
    const { readCapsuleFile } = await import('../../assembler/capsule-file.js');
    const first = readCapsuleFile(new Uint8Array(readFileSync(cap)), cap);
    const second = readCapsuleFile(new Uint8Array(readFileSync(again)), again);
    expect(first.ok && second.ok).toBe(true);
    if (first.ok && second.ok) {
      expect([...second.capsule.code]).toEqual([...first.capsule.code]);
      expect(second.capsule.type).toBe(first.capsule.type);
      expect(second.capsule.version).toBe(first.capsule.version);
    }
  });

  it('rejects a corrupt capsule file with one line naming the file', async () => {
    const dir = scratch();
    const cap = join(dir, 'corrupt.cap');
    writeFileSync(cap, Buffer.from([0xa5, 0x01, 0x02]));
    const { code, err } = await mote('disasm', cap);
    expect(code).toBe(1);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain(cap);
  });
});

describe('mote run', () => {
  it('runs the counter for 10 s and shows the LEDs counting once a second', async () => {
    const { code, out } = await mote('run', shippedCapsule('cnt_to_leds.mate'), '--seconds', '10', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.simulatedSeconds).toBe(10);
    expect(report.traps).toEqual([]);
    expect(report.instructions).toBeGreaterThan(0);
    expect(report.cycles).toBeGreaterThan(report.instructions);
    const leds = report.ledChanges.map((c: { leds: number }) => c.leds);
    expect(leds.slice(0, 8)).toEqual([1, 2, 3, 4, 5, 6, 7, 0]);
    const times = report.ledChanges.map((c: { t: number }) => Math.round(c.t));
    expect(times.slice(0, 3)).toEqual([1, 2, 3]);
  });

  it('prints LED changes, instructions, cycles and traps as text', async () => {
    const { code, out } = await mote('run', shippedCapsule('cnt_to_leds.mate'), '--seconds', '3');
    expect(code).toBe(0);
    expect(out).toContain('leds 001 red');
    expect(out).toMatch(/\d+ instructions, \d+ cycles/);
  });

  it('runs a subroutine capsule given beside its caller', async () => {
    const { code, out } = await mote(
      'run', shippedCapsule('blink_loop.mate'), shippedCapsule('blink_loop_sub0.mate'), '--seconds', '5', '--json',
    );
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.traps).toEqual([]);
    expect(report.ledChanges.length).toBeGreaterThan(0);
  });

  it('rejects bad flags with one line and exit 1', async () => {
    for (const args of [['--seconds', '-3'], ['--seconds', 'soon'], ['--profile', 'fast'], ['--seed', '1.5']]) {
      const { code, err } = await mote('run', shippedCapsule('cnt_to_leds.mate'), ...args);
      expect(code, args.join(' ')).toBe(1);
      expect(err.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});

describe('exit codes', () => {
  it('gives 1 for an unknown command', async () => {
    const { code, err } = await mote('fly');
    expect(code).toBe(1);
    expect(err).toContain('fly');
  });
});
