// `mote compile` and TinyScript through the other commands, in-process (STYLE 11).

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCapsuleFile } from '../../assembler/capsule-file.js';
import { bufferIo } from '../../cli/io.js';
import { main } from '../../cli/main.js';

async function mote(...argv: string[]) {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mote-ts-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const COUNTER = 'handler clock;\nshared count;\ncount = count + 1;\nled(count & 7);\n';

describe('mote compile', () => {
  it('writes the capsule file next to the source, with the TinyScript source inside', async () => {
    const dir = scratch({ 'count.tinyscript': COUNTER });
    const { code, out } = await mote('compile', join(dir, 'count.tinyscript'));
    expect(code).toBe(0);
    expect(out).toBe(`${join(dir, 'count.cap')}: 9 bytes, 9 instructions, clock capsule 'count' version 1, classic (one packet)\n`);
    const read = readCapsuleFile(new Uint8Array(readFileSync(join(dir, 'count.cap'))), 'count.cap');
    expect(read.ok && [read.capsule.type, read.source]).toEqual(['clock', COUNTER]);
  });

  it('takes -o, and --handler and --version over the file header', async () => {
    const dir = scratch({ 'count.tinyscript': COUNTER });
    const out = join(dir, 'other.cap');
    const { code } = await mote('compile', join(dir, 'count.tinyscript'), '-o', out, '--handler', 'receive', '--version', '5');
    expect(code).toBe(0);
    const read = readCapsuleFile(new Uint8Array(readFileSync(out)), out);
    expect(read.ok && [read.capsule.type, read.capsule.version]).toEqual(['receive', 5]);
  });

  it('prints the generated assembly with the source lines as comments under --asm', async () => {
    const dir = scratch({ 'count.tinyscript': COUNTER });
    const { code, out } = await mote('compile', join(dir, 'count.tinyscript'), '--asm');
    expect(code).toBe(0);
    expect(out).toContain('; 3: count = count + 1;\n        gets\n        pushc   1\n        add\n        copy\n        sets\n; 4: led(count & 7);\n');
  });

  it('reports every compile error with its caret and a count, exits 1 and writes nothing', async () => {
    const dir = scratch({ 'bad.tinyscript': 'private x;\nx = y;\nled(1, 2);\n' });
    const { code, err } = await mote('compile', join(dir, 'bad.tinyscript'));
    expect(code).toBe(1);
    const file = join(dir, 'bad.tinyscript');
    expect(err).toBe(
      `${file}:2:5: 'y' is not declared; did you mean 'x'?\nx = y;\n    ^\n` +
        `${file}:3:1: 'led' takes 1 argument (led(v)), not 2\nled(1, 2);\n^\n2 errors in ${file}\n`,
    );
    expect(existsSync(join(dir, 'bad.cap'))).toBe(false);
  });

  it('refuses a file that is not TinyScript, a bad handler and a missing file, in one line each', async () => {
    const dir = scratch({ 'a.mate': 'halt\n', 'c.tinyscript': COUNTER });
    expect((await mote('compile', join(dir, 'a.mate'))).err).toBe(`${join(dir, 'a.mate')}: not a TinyScript source (want .tinyscript)\n`);
    const handler = await mote('compile', join(dir, 'c.tinyscript'), '--handler', 'clok');
    expect(handler.code).toBe(1);
    expect(handler.err).toContain("--handler wants one of sub0, sub1, sub2, sub3, clock, send, receive, once, got 'clok'");
    expect((await mote('compile', join(dir, 'none.tinyscript'))).err).toBe(`${join(dir, 'none.tinyscript')}: no such file\n`);
  });
});

describe('TinyScript in the other commands', () => {
  it('runs a .tinyscript file with mote run, the same as its assembly', async () => {
    const ts = await mote('run', 'capsules/cnt_to_leds.tinyscript', '--seconds', '4');
    const asm = await mote('run', 'capsules/cnt_to_leds.mate', '--seconds', '4');
    expect(ts.code).toBe(0);
    expect(ts.out).toBe(asm.out);
  });

  it('shows the source line beside each instruction under --trace', async () => {
    const { out } = await mote('run', 'capsules/cnt_to_leds.tinyscript', '--seconds', '1.5', '--trace');
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^clock {3}0000 {2}gets .*\[0\] +! cnt_to_leds\.tinyscript:9 {2}count = count \+ 1;$/);
    expect(lines.find((l) => l.includes('putled'))).toMatch(/! cnt_to_leds\.tinyscript:10 {2}led\(count & 7\);/);
  });

  it('names the TinyScript line of a trap', async () => {
    const dir = scratch({ 'trap.tinyscript': 'handler once;\nprivate x;\nprivate y;\nx = 5;\nled(x / y);\n' });
    const file = join(dir, 'trap.tinyscript');
    const { out } = await mote('run', file, '--seconds', '1');
    expect(out).toContain(`trap pc 4 (${file}:5:7): division by zero`);
    const json = JSON.parse((await mote('run', file, '--seconds', '1', '--json')).out) as { traps: { at: string }[] };
    expect(json.traps[0].at).toBe(`${file}:5:7`);
  });

  it('injects a .tinyscript capsule into a simulated network', async () => {
    const { code, out } = await mote('sim', '--topology', 'grid:3x3', '--inject', 'capsules/cnt_to_leds.tinyscript@0:5s', '--seconds', '30');
    expect(code).toBe(0);
    expect(out).toMatch(/capsule cnt_to_leds v1: injected at 5 s, covered at [\d.]+ s, coverage 100\.0%/);
  });

  it('disassembles a .tinyscript file and reports its compile errors', async () => {
    expect((await mote('disasm', 'capsules/sense_and_send.tinyscript')).out).toContain('pushc   1                ; 000  c1');
    const dir = scratch({ 'bad.tinyscript': 'led(;\n' });
    const { code, err } = await mote('disasm', join(dir, 'bad.tinyscript'));
    expect(code).toBe(1);
    expect(err).toContain(":1:5: expected an expression, found ';'");
  });
});
