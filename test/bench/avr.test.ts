// The AVR loop avr8js runs in `mote bench avr`: hand-assembled words decode to the documented
// instructions, and the loop really loops, with the documented cycles (STYLE: cycles in every test).

import { describe, expect, it } from 'vitest';
import {
  add, brne, ldi, LOOP_WORDS, INNER_COUNT, OUTER_WORD, INNER_WORD, PASS_CYCLES, PASS_INSTRUCTIONS, rjmp,
  SETUP_CYCLES, SETUP_INSTRUCTIONS, subi,
} from '../../bench/avr-program.js';
import { avrMachine } from '../../bench/avr.js';

describe('the hand-assembled AVR words', () => {
  it('match the encodings of the AVR instruction set manual', () => {
    expect(ldi(18, 100)).toBe(0xe624); // 1110 0110 0010 0100
    expect(add(16, 17)).toBe(0x0f01); // 0000 1111 0000 0001: r = 17 puts its bit 4 in bit 9
    expect(subi(18, 1)).toBe(0x5021);
    expect(brne(-3)).toBe(0xf7e9); // 7-bit offset -3 = 111 1101
    expect(rjmp(-5)).toBe(0xcffb);
  });

  it('form a seven-word program', () => {
    expect(LOOP_WORDS).toEqual([0xe000, 0xe011, 0xe624, 0x0f01, 0x5021, 0xf7e9, 0xcffb]);
  });
});

describe.each(['avr8js', 'decoded'] as const)('the AVR loop on avr8js\'s CPU, %s loop', (loop) => {
  it('spends 2 cycles on set-up, then 4 cycles on each taken turn of the inner loop', () => {
    const avr = avrMachine(LOOP_WORDS, loop);
    avr.step(SETUP_INSTRUCTIONS + 1);
    expect(avr.cpu.cycles).toBe(SETUP_CYCLES + 1);
    expect(avr.cpu.pc).toBe(INNER_WORD);
    avr.step(3);
    expect(avr.cpu.cycles).toBe(SETUP_CYCLES + 1 + 4);
    expect(avr.cpu.pc).toBe(INNER_WORD);
    expect(avr.cpu.data[16]).toBe(1); // sum
    expect(avr.cpu.data[18]).toBe(INNER_COUNT - 1); // count
  });

  it('returns to the outer loop after 302 instructions and 402 cycles a pass, pass after pass', () => {
    const avr = avrMachine(LOOP_WORDS, loop);
    avr.step(SETUP_INSTRUCTIONS);
    for (let pass = 1; pass <= 5; pass++) {
      avr.step(PASS_INSTRUCTIONS);
      expect(avr.cpu.pc).toBe(OUTER_WORD);
      expect(avr.cpu.cycles).toBe(SETUP_CYCLES + pass * PASS_CYCLES);
      expect(avr.cpu.data[16]).toBe((pass * INNER_COUNT) & 0xff);
    }
    expect(PASS_CYCLES).toBe(402);
    expect(PASS_INSTRUCTIONS).toBe(302);
  });

  it('runs at least the cycles asked for, overshooting by less than one instruction', () => {
    const avr = avrMachine(LOOP_WORDS, loop);
    const done = avr.run(10_000);
    expect(done).toBeGreaterThanOrEqual(10_000);
    expect(done).toBeLessThanOrEqual(10_001);
    expect(avr.cpu.cycles).toBe(done);
  });
});
