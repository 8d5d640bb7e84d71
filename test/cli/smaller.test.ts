// The smaller defects of issue 19: binary input in error messages, a bit flip in a capsule file, half a
// key pair, a world-readable private key, bench writing into the package, mote --version.

import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot, shippedCapsule } from '../../cli/paths.js';
import { mote, oneLine, scratch } from './helpers.js';

describe('binary input in error messages', () => {
  it('control bytes are escaped, long tokens cut to 60 characters, and at most 20 errors shown with the count', async () => {
    const dir = scratch();
    const junk = join(dir, 'junk.mate');
    const lines = Array.from({ length: 50 }, (_, i) => `\x1b[2J\x07${'z'.repeat(100)}${i}\x00`);
    writeFileSync(junk, lines.join('\n'));
    const { code, err } = await mote('asm', junk);
    expect(code).toBe(1);
    // eslint-disable-next-line no-control-regex
    expect(err).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(err).toContain('\\x1b[2J\\x07');
    expect(err.split('\n').every((line) => line.length <= 300)).toBe(true);
    expect(err.match(/junk\.mate:\d+:\d+:/g)).toHaveLength(20);
    expect(err).toMatch(/50 errors in .*junk\.mate, the first 20 shown\n$/);
    const token = /found '([^']+)\.\.\.' \(107 characters\)/.exec(err)?.[1] ?? '';
    expect(token.replace(/\\x[0-9a-f]{2}/g, '#')).toHaveLength(60); // 60 characters of the source, escapes shown as \xNN
  });

  it('a bad flag value with control bytes stays on one escaped line', async () => {
    const { code, err } = await mote('sim', '--seconds', `\x1b]0;pwned\x07${'9'.repeat(500)}`);
    expect(code).toBe(1);
    expect(oneLine(err)).toBe(true);
    expect(err).toContain('\\x1b]0;pwned\\x07');
    expect(err.length).toBeLessThan(400);
  });
});

describe('capsule files carry a CRC checked on load', () => {
  it('a bit flip in the code is a clear error, not a different program', async () => {
    const dir = scratch();
    const cap = join(dir, 'c.cap');
    expect((await mote('asm', shippedCapsule('cnt_to_leds.mate'), '-o', cap)).code).toBe(0);
    const bytes = readFileSync(cap);
    const code = bytes.indexOf(Buffer.from([0x23, 0xc1, 0x07])); // gets, pushc 1, add
    expect(code).toBeGreaterThan(0);
    bytes[code + 1] ^= 0x01; // pushc 1 becomes pushc 0
    writeFileSync(cap, bytes);
    const { code: exit, err } = await mote('disasm', cap);
    expect(exit).toBe(1);
    expect(err).toMatch(/c\.cap: damaged capsule file: its checksum does not match its contents/);
  });

  it('a file written before the CRC (no crc key) still loads', async () => {
    const { Encoder } = await import('cbor-x');
    const dir = scratch();
    const old = join(dir, 'old.cap');
    const record = { format: 1, type: 'clock', version: 1, name: 'old', code: Uint8Array.from([0x23, 0xc1, 0x07, 0x0a, 0x24, 0x00]) };
    writeFileSync(old, new Encoder({ tagUint8Array: false, useRecords: false }).encode(record));
    const { code, out } = await mote('disasm', old);
    expect(code).toBe(0);
    expect(out).toContain('.name old');
  });
});

describe('keygen', () => {
  it('checks both paths before writing either: FILE.pub a directory leaves no half pair, even with --force', async () => {
    const dir = scratch();
    const key = join(dir, 'base.key');
    mkdirSync(`${key}.pub`);
    for (const force of [[], ['--force']]) {
      const { code, err } = await mote('keygen', '-o', key, ...force);
      expect(code).toBe(1);
      expect(oneLine(err)).toBe(true);
      expect(existsSync(key)).toBe(false);
    }
    expect(readdirSync(dir)).toEqual(['base.key.pub']);
  });

  it('warns when a private key others can read is used, and still uses it', async () => {
    const dir = scratch();
    const key = join(dir, 'k.key');
    expect((await mote('keygen', '-o', key)).code).toBe(0);
    const quiet = await mote('asm', shippedCapsule('cnt_to_leds.mate'), '-o', join(dir, 'a.cap'), '--sign', key);
    expect(quiet.code).toBe(0);
    expect(quiet.err).toBe('');
    chmodSync(key, 0o644);
    const { code, err } = await mote('asm', shippedCapsule('cnt_to_leds.mate'), '-o', join(dir, 'b.cap'), '--sign', key);
    expect(code).toBe(0);
    expect(err).toBe(`warning: ${key}: a private key that others can read (mode 644); anyone who reads it can sign code your motes run (chmod 600 ${key})\n`);
  });
});

describe('mote bench', () => {
  it('writes ./bench-results under the current directory, not into the package', async () => {
    const dir = scratch();
    const before = readdirSync(join(packageRoot, 'bench', 'results')).sort();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect((await mote('bench', 'vm', '--quick', '--json')).code).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    expect(readdirSync(join(dir, 'bench-results')).sort()).toEqual(['vm.csv', 'vm.svg']);
    expect(readdirSync(join(packageRoot, 'bench', 'results')).sort()).toEqual(before);
  });
});

describe('mote --version', () => {
  it("prints the package's version", async () => {
    const version = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')).version;
    const { code, out } = await mote('--version');
    expect(code).toBe(0);
    expect(out).toBe(`${version}\n`);
  });
});
