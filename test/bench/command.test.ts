// `mote bench` in-process with tiny sizes: the JSON contract keys, the text table, the result
// files and the flag errors. These check that the figures come out, not how large they are.

import { Command } from 'commander';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BENCHMARKS, registerBench } from '../../bench/command.js';
import { bufferIo } from '../../cli/io.js';

async function bench(...argv: string[]) {
  const io = bufferIo();
  const program = new Command('mote').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerBench(program, io);
  for (const command of program.commands) command.exitOverride();
  let error: unknown;
  try {
    await program.parseAsync(['bench', ...argv], { from: 'user' });
  } catch (e) {
    error = e;
  }
  return { out: io.out, err: io.err, error };
}

const scratch = (): string => mkdtempSync(join(tmpdir(), 'mote-bench-'));
const positive = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x) && x > 0;

describe('mote bench --json --quick', () => {
  it('prints one object keyed by benchmark name with the contract keys, and the machine', async () => {
    const out = scratch();
    const { out: text, error } = await bench('--json', '--quick', '--out', out);
    expect(error).toBeUndefined();
    const json = JSON.parse(text) as Record<string, Record<string, unknown>>;
    expect(Object.keys(json).sort()).toEqual(['machine', ...BENCHMARKS.map((b) => b.name)].sort());
    expect(Object.keys(json)).toContain('trickle');
    expect(positive(json.vm.bytecodesPerSecond)).toBe(true);
    for (const key of ['avr8jsCyclesPerSecond', 'oursCyclesPerSecond', 'ratio']) expect(positive(json.avr[key])).toBe(true);
    expect(json.avr.ratio).toBeCloseTo((json.avr.oursCyclesPerSecond as number) / (json.avr.avr8jsCyclesPerSecond as number), 6);
    expect(json.machine).toMatchObject({ node: process.version });
    for (const file of ['vm.csv', 'vm.svg', 'avr.csv', 'avr.svg', 'trickle.csv', 'trickle-propagation.svg']) expect(existsSync(join(out, file))).toBe(true);
  });

  it('runs only the benchmark named', async () => {
    const { out } = await bench('vm', '--json', '--quick', '--out', scratch());
    expect(Object.keys(JSON.parse(out) as object).sort()).toEqual(['machine', 'vm']);
  });
});

describe('mote bench text output', () => {
  it('starts with the machine line, then a table per benchmark and the files written', async () => {
    const { out } = await bench('avr', '--quick', '--runs', '2', '--out', scratch());
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^machine: .+, \d+ cores, Node v\d+/);
    expect(out).toContain('avr: emulated mote cycles per host second');
    expect(out).toContain('(median of 2 runs)');
    expect(out).toMatch(/ratio ours\/avr8js +\S+/);
    expect(out).toMatch(/wrote .*avr\.csv, .*avr\.svg/);
  });
});

describe('mote bench flags', () => {
  it('explains the benchmarks and flags with an example', async () => {
    const { out } = await bench('--help');
    for (const word of ['vm', 'avr', 'trickle', '--json', '--runs', '--out', '--quick', 'Example:']) expect(out).toContain(word);
  });

  it('rejects an unknown benchmark, naming the choices', async () => {
    const { err, error } = await bench('nope', '--quick');
    expect(error).toBeDefined();
    expect(err).toMatch(/nope.*vm, avr, .*trickle|vm, avr, .*trickle.*nope/s);
  });

  it('rejects --runs 0', async () => {
    const { err, error } = await bench('--runs', '0');
    expect(error).toBeDefined();
    expect(err).toContain("--runs wants a whole number >= 1, got '0'");
  });
});
