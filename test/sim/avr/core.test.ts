// sim/avr/core.ts against avr8js's avrInstruction: every one of the 65,536 opcode words, from random
// machine states (registers, SREG, pointers and stack in and out of range, the next word a one- or
// two-word instruction, an interrupt pending), with read and write hooks that log every call and answer
// or swallow it. After one instruction and the tick, the two CPUs must agree on pc, cycles, every byte
// of data and the hook calls in order. Then the firmware itself, both ways, on random capsules.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CPU, avrInstruction } from 'avr8js';
import { AvrCore, decodes } from '../../../sim/avr/core.js';
import { AvrVm } from '../../../sim/avr/avr-vm.js';
import { namedStream } from '../../../sim/core/rng.js';
import { assemble } from '../../../assembler/assemble.js';
import { RecordingHost, observe, scenarioArbitrary } from './differential.js';

const WORDS = 0x10000;
const SRAM = 4096;
const DATA = SRAM + 0x100;
/** The next word after the instruction: sometimes LDS, STS, CALL or JMP (two words), else random. */
const TWO_WORD = [0x9000, 0x9200, 0x940e, 0x940c, 0x91f0, 0x93e0, 0x95ff, 0x95fd];
/** X, Y, Z and SP: each set in the data space three times in four, anywhere in 16 bits otherwise. */
const POINTERS = [26, 28, 30, 93];
const EVENT = { address: 2, flagRegister: 0x58, flagMask: 1, enableRegister: 0x59, enableMask: 1 };

interface Machine {
  cpu: CPU;
  log: number[];
  step(): void;
}

function machine(useCore: boolean): Machine {
  const cpu = new CPU(new Uint16Array(WORDS), SRAM);
  const log: number[] = [];
  for (let a = 32; a < 0x100; a += 3) {
    cpu.readHooks[a] = (addr) => {
      log.push(1, addr, cpu.cycles);
      return (addr * 7 + log.length) & 0xff;
    };
    cpu.writeHooks[a + 1] = (value, old, addr, mask) => {
      log.push(2, addr, value, old, mask, cpu.cycles);
      return (addr & 2) === 0; // some swallowed, some stored
    };
  }
  const core = new AvrCore(cpu);
  return {
    cpu,
    log,
    step: useCore
      ? () => core.run(1)
      : () => {
          avrInstruction(cpu);
          cpu.tick();
        },
  };
}

describe('AvrCore', () => {
  it('decodes the firmware to its own kinds, not avr8js: at least 99% of the words it executes', () => {
    const vm = new AvrVm(new RecordingHost(1, [1], [[]]));
    const flash = vm.cpu.progMem;
    let fallback = 0;
    let total = 0;
    vm.tracer = (pc) => {
      total++;
      if (!decodes(flash[pc])) fallback++;
    };
    const busy = assemble('.capsule once\ntop: pushc 1\n pop\n jump top\n', 'busy.mate');
    if (!busy.ok) throw new Error('busy.mate does not assemble');
    vm.install(busy.capsule);
    vm.run(200_000);
    expect(total).toBeGreaterThan(10_000);
    expect(fallback / total).toBeLessThan(0.01);
  });

  it('agrees with avrInstruction on every opcode word, from random states, hooks and all', () => {
    const rng = namedStream(14, 'avr-core');
    const pool = new Uint8Array(1 << 16);
    for (let i = 0; i < pool.length; i++) pool[i] = rng.int(256);
    const ref = machine(false);
    const ours = machine(true);
    const mismatches: string[] = [];
    const STATES = 3;
    for (let op = 0; op < WORDS && mismatches.length < 10; op++) {
      for (let k = 0; k < STATES; k++) {
        const pc = k === 0 ? WORDS - 1 : rng.int(WORDS - 1); // at the top, pc + 1 is past the flash
        const next = rng.int(2) === 0 ? TWO_WORD[rng.int(TWO_WORD.length)] : rng.int(WORDS);
        const at = rng.int(pool.length - DATA);
        const pointers = POINTERS.map(() => (rng.int(4) === 0 ? rng.int(WORDS) : rng.int(DATA)));
        const cycles = rng.int(1 << 20);
        const interrupt = rng.int(4) === 0;
        for (const m of [ref, ours]) {
          const { cpu } = m;
          cpu.progMem[pc] = op;
          cpu.progMem[pc + 1] = next;
          cpu.data.set(pool.subarray(at, at + DATA));
          POINTERS.forEach((r, i) => {
            cpu.data[r] = pointers[i];
            cpu.data[r + 1] = pointers[i] >> 8;
          });
          cpu.pc = pc;
          cpu.cycles = cycles;
          if (interrupt) cpu.queueInterrupt(EVENT);
          else cpu.clearInterrupt(EVENT, false);
          m.log.length = 0;
          m.step();
          cpu.progMem[pc] = 0;
          cpu.progMem[pc + 1] = 0;
        }
        const a = ref.cpu;
        const b = ours.cpu;
        const differs: string[] = [];
        if (!Object.is(a.pc, b.pc)) differs.push(`pc ${a.pc} vs ${b.pc}`);
        if (a.cycles !== b.cycles) differs.push(`cycles ${a.cycles} vs ${b.cycles}`);
        if (Buffer.compare(a.data, b.data) !== 0) {
          const i = a.data.findIndex((x, j) => x !== b.data[j]);
          differs.push(`data[${i}] ${a.data[i]} vs ${b.data[i]}`);
        }
        if (ref.log.join() !== ours.log.join()) differs.push(`hooks ${ref.log.join()} vs ${ours.log.join()}`);
        if (differs.length > 0) {
          mismatches.push(`opcode ${op.toString(16).padStart(4, '0')} at pc ${pc}: ${differs.join('; ')}`);
          break;
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('runs the firmware to the same cycle, host call and state as avr8js alone, on random capsules and events', () => {
    fc.assert(
      fc.property(scenarioArbitrary(), (scenario) => {
        const [decoded, reference] = [true, false].map((decoded) => {
          let vm: AvrVm | undefined;
          const log = observe(scenario, (host) => (vm = new AvrVm(host, { decoded })));
          if (vm === undefined) throw new Error('no mote');
          return { log, cycles: vm.cycles, pc: vm.cpu.pc, data: Buffer.from(vm.cpu.data).toString('hex') };
        });
        expect(decoded).toEqual(reference);
      }),
      { numRuns: 40, seed: 14 },
    );
  }, 120_000);

  it('stops at a watched word, when stopped is set, and after the limit', () => {
    const cpu = new CPU(new Uint16Array(WORDS), SRAM); // NOPs
    const core = new AvrCore(cpu);
    expect(core.run(10)).toBe(10);
    expect(cpu.pc).toBe(10);
    core.watch(15);
    expect(core.run(100)).toBe(5);
    expect(cpu.pc).toBe(15);
    cpu.writeHooks[0x100] = () => {
      core.stopped = true;
      return false;
    };
    cpu.progMem[20] = 0x9300; // sts 0x0100, r16
    cpu.progMem[21] = 0x0100;
    expect(core.run(100)).toBe(6);
    expect(cpu.pc).toBe(22);
  });
});
