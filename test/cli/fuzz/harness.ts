// The bad-input fuzzer of issue 19, one test per command: fast-check draws argv (flags with hostile or
// small values, positional files) and the content of one input file, runs `mote` in-process through
// main(argv, io) in a scratch folder of real inputs, and checks the four promises: no stack trace,
// exit code 0, 1 or 2, no file changed but the named outputs (and never an input, even when named as
// an output), and an answer within a bound. Each command's test adds its runs to the count printed.

import fc from 'fast-check';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { bufferIo } from '../../../cli/io.js';
import { main } from '../../../cli/main.js';
import { shippedCapsule } from '../../../cli/paths.js';

/**
 * An argv token: plain text, or a file in the scratch folder read or written by the command, with text
 * after its path in the same token (`--inject FILE@0:1s`) or before it (`--topology file:FILE`).
 */
export type Token = string | { readonly file: string; readonly role: 'input' | 'output'; readonly prefix?: string; readonly suffix?: string };

export const input = (file: string): Token => ({ file, role: 'input' });
export const output = (file: string): Token => ({ file, role: 'output' });

/** The files each run starts with. */
export const INPUT_FILES = ['good.mate', 'cr.mate', 'empty.mate', 'good.cap', 't.top', 'run.cbor', 'al.cbor', 'sensors.txt', 'base.key', 'base.key.pub', 'p.top', 'p.events', 'p.delays', 'fuzz.bin'] as const;

/** Values that have broken a CLI somewhere: empty, signs, huge, tiny, hex, NaN, control bytes, long. */
export const HOSTILE = [
  '', ' ', '-1', '0', '-0', '1e12', '1e300', '-1e300', '9007199', '9007200', '1e-300', 'NaN', 'Infinity', '0x10', '007', '1.5', ' 5 ',
  '\u0000', '\u001b[2J', 'a'.repeat(200), '\uFFFD\uFFFD', '-', '--', '--help=1', 'grid:0x0', 'random:-1', 'line:1e9', '*', '%s%n',
];

/** A flag value: hostile, random text, or one of the given valid values. */
export function value(...valid: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
    { weight: valid.length > 0 ? 4 : 0, arbitrary: valid.length > 0 ? fc.constantFrom(...valid) : fc.constant('') },
  );
}

/** A file argument: one of the inputs, the fuzzed file, a device, a folder, or a path that is not there. */
export function fileArg(role: 'input' | 'output', ...names: string[]): fc.Arbitrary<Token> {
  const mine = names.length > 0 ? names : [...INPUT_FILES];
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...mine).map((f) => ({ file: f, role })) },
    { weight: 2, arbitrary: fc.constantFrom(...INPUT_FILES).map((f) => ({ file: f, role })) },
    { weight: 1, arbitrary: fc.constantFrom('/dev/null', '/dev/full', 'missing/x.out', '.', 'new.out').map((f) => ({ file: f, role })) },
  );
}

/** A flag drawn with its value, or left out. */
export function flag(name: string, arb?: fc.Arbitrary<Token | string>): fc.Arbitrary<Token[]> {
  const drawn: fc.Arbitrary<Token[]> = arb === undefined ? fc.constant<Token[]>([name]) : arb.map((v): Token[] => [name, v]);
  return fc.option(drawn, { nil: undefined, freq: 2 }).map((f) => f ?? []);
}

/** A few of the optional flags (at most four, so that some runs get through to the work), in a random order. */
export function flags(...each: fc.Arbitrary<Token[]>[]): fc.Arbitrary<Token[]> {
  return fc
    .tuple(...each)
    .chain((parts) => {
      const given = parts.filter((p) => p.length > 0);
      return fc.shuffledSubarray(given, { maxLength: Math.min(4, given.length) });
    })
    .map((parts) => parts.flat());
}

/** The fuzzed file: random bytes, or a valid input cut short, bit-flipped or with junk lines. */
export function fuzzContent(templates: Readonly<Record<string, Buffer>>): fc.Arbitrary<Buffer> {
  const base = fc.constantFrom(...Object.values(templates));
  return fc.oneof(
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
    fc.tuple(base, fc.nat()).map(([b, n]) => b.subarray(0, b.length === 0 ? 0 : n % b.length)),
    fc.tuple(base, fc.nat(), fc.integer({ min: 0, max: 7 })).map(([b, n, bit]) => {
      const copy = Buffer.from(b);
      if (copy.length > 0) copy[n % copy.length] ^= 1 << bit;
      return copy;
    }),
    fc.tuple(base, fc.constantFrom(...HOSTILE)).map(([b, junk]) => Buffer.concat([b, Buffer.from(`\n${junk}\r\n`)])),
  );
}

let templates: Record<string, Buffer> | undefined;

/** The inputs every run starts with, made once with the CLI itself. */
export async function inputTemplates(): Promise<Record<string, Buffer>> {
  if (templates !== undefined) return templates;
  const dir = mkdtempSync(join(tmpdir(), 'mote-fuzz-template-'));
  const at = (f: string) => join(dir, f);
  copyFileSync(shippedCapsule('cnt_to_leds.mate'), at('good.mate'));
  writeFileSync(at('cr.mate'), readFileSync(at('good.mate'), 'utf8').replace(/\n/g, '\r'));
  writeFileSync(at('empty.mate'), '');
  writeFileSync(at('t.top'), '0 0 0\n1 10 0\n2 20 0\n');
  writeFileSync(at('sensors.txt'), '0 1 1 500\n1 * 1 700\n');
  for (const f of ['top', 'events', 'delays']) copyFileSync(shippedCapsule(`snapshot/p1p2p3.${f}`), at(`p.${f}`));
  const quiet = async (...argv: string[]) => {
    const code = await main(argv, bufferIo());
    if (code !== 0) throw new Error(`template step failed: mote ${argv.join(' ')}`);
  };
  await quiet('asm', at('good.mate'), '-o', at('good.cap'));
  await quiet('sim', '--topology', 'line:3', '--seconds', '2', '--load', at('good.mate'), '--trace', at('run.cbor'));
  await quiet('algo', 'lamport', '--topology', 'line:3', '--steps', '6', '--trace', at('al.cbor'));
  await quiet('keygen', '-o', at('base.key'));
  templates = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(at(f))]));
  return templates;
}

function digest(path: string): string {
  const s = statSync(path);
  if (s.isDirectory()) return `dir:${readdirSync(path).sort().join('/')}`;
  if (!s.isFile()) return `special:${s.mode}`;
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      out.set(p, digest(p));
      if (statSync(p).isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

export interface FuzzOptions {
  readonly numRuns: number;
  /** Wall time one run may take (a busy 2-core machine, fast-check's shrinking aside). */
  readonly boundMs?: number;
  readonly seed?: number;
}

const tally = { runs: 0 };

/** Runs of every fuzz test so far in this process. */
export function fuzzRuns(): number {
  return tally.runs;
}

/** Fuzzes `mote COMMAND ...` with argv drawn from `args` and the fuzzed file's content. */
export async function fuzzCommand(command: string, args: fc.Arbitrary<Token[]>, options: FuzzOptions): Promise<void> {
  const files = await inputTemplates();
  const bound = options.boundMs ?? 8000;
  const devices = ['/dev/null', '/dev/full'].map((d) => [d, statSync(d).mode] as const);
  let runs = 0;
  const exits = [0, 0, 0];
  await fc.assert(
    fc.asyncProperty(args, fuzzContent(files), async (argv, content) => {
      runs++;
      const dir = mkdtempSync(join(tmpdir(), `mote-fuzz-${command}-`));
      for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
      writeFileSync(join(dir, 'fuzz.bin'), content);
      mkdirSync(join(dir, 'sub'));
      const path = (t: Token): string => (typeof t === 'string' ? t : t.file.startsWith('/') ? t.file : join(dir, t.file));
      const real = argv.map((t) => (typeof t === 'string' ? t : `${t.prefix ?? ''}${path(t)}${t.suffix ?? ''}`));
      const named = (role: 'input' | 'output') => new Set(argv.filter((t): t is Exclude<Token, string> => typeof t !== 'string' && t.role === role).map((t) => resolve(path(t))));
      const inputs = named('input');
      const outputs = named('output');
      const before = snapshot(dir);
      const io = bufferIo();
      const cwd = process.cwd();
      process.chdir(dir); // relative paths and ./bench-results land in the scratch folder
      const started = performance.now();
      let code: number;
      try {
        code = await main([command, ...real], io);
      } finally {
        process.chdir(cwd);
      }
      const took = performance.now() - started;
      exits[code] = (exits[code] ?? 0) + 1;
      const what = `mote ${command} ${real.map((a) => JSON.stringify(a)).join(' ')}\nexit ${code}\n${io.err}`;
      expect([0, 1, 2], what).toContain(code);
      expect(io.err, what).not.toMatch(/internal error|\n\s+at .*[(:]\d+/);
      expect(took, what).toBeLessThan(bound);
      const after = snapshot(dir);
      for (const [p, d] of after) {
        if (before.get(p) === d) continue;
        const allowed = [...outputs].some((o) => p === o || p.startsWith(`${o}/`)) && !inputs.has(p);
        // asm writes SOURCE.cap when no -o is given; keygen writes FILE.pub beside FILE; bench ./bench-results.
        const implied =
          (command === 'asm' && p.endsWith('.cap')) ||
          (command === 'keygen' && [...outputs].some((o) => p === `${o}.pub` && !inputs.has(p))) ||
          (command === 'bench' && p.startsWith(join(dir, 'bench-results')));
        expect(allowed || implied, `${what}\nchanged: ${p}`).toBe(true);
      }
      for (const p of before.keys()) expect(after.has(p) || outputs.has(p), `${what}\nremoved: ${p}`).toBe(true);
      expect([...after.keys()].filter((p) => p.endsWith('.tmp')), what).toEqual([]);
      for (const [d, mode] of devices) expect(existsSync(d) && statSync(d).mode, `${what}\n${d} replaced`).toBe(mode);
    }),
    { numRuns: options.numRuns, seed: options.seed ?? 19, endOnFailure: true },
  );
  tally.runs += runs;
  console.log(`fuzz ${command}: ${runs} bad inputs tried, nothing lost (exit 0: ${exits[0]}, exit 1: ${exits[1]})`);
}
