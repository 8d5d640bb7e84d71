// The AVR program avr8js runs in the side-by-side benchmark: a counting loop assembled by hand into
// opcode words. Encodings and cycle counts from the AVR Instruction Set Manual (Microchip DS40002198),
// the same ones avr8js decodes in src/cpu/instruction.ts.
//
//   word  instruction          encoding               cycles
//   0     ldi  r16, 0          1110 KKKK dddd KKKK    1        sum = 0
//   1     ldi  r17, 1          1110 KKKK dddd KKKK    1        step = 1
//   2     outer: ldi r18, 100  1110 KKKK dddd KKKK    1        count = 100
//   3     inner: add r16, r17  0000 11rd dddd rrrr    1        sum += step
//   4     subi r18, 1          0101 KKKK dddd KKKK    1        count -= 1 (sets Z at 0)
//   5     brne inner           1111 01kk kkkk k001    2 taken, 1 not
//   6     rjmp outer           1100 kkkk kkkk kkkk    2
//
// One pass of the outer loop: 1 + 100 x (1 + 1) + 99 x 2 + 1 + 2 = 402 cycles in 302 instructions.

/** LDI Rd, K (d in 16..31): 1110 KKKK dddd KKKK. */
export function ldi(d: number, k: number): number {
  return 0xe000 | ((k & 0xf0) << 4) | ((d - 16) << 4) | (k & 0x0f);
}

/** ADD Rd, Rr: 0000 11rd dddd rrrr. */
export function add(d: number, r: number): number {
  return 0x0c00 | ((r & 0x10) << 5) | (d << 4) | (r & 0x0f);
}

/** SUBI Rd, K (d in 16..31): 0101 KKKK dddd KKKK. */
export function subi(d: number, k: number): number {
  return 0x5000 | ((k & 0xf0) << 4) | ((d - 16) << 4) | (k & 0x0f);
}

/** BRNE k (BRBC on Z, bit 1): 1111 01kk kkkk k001, k a 7-bit word offset from the next instruction. */
export function brne(offset: number): number {
  return 0xf401 | ((offset & 0x7f) << 3);
}

/** RJMP k: 1100 kkkk kkkk kkkk, k a 12-bit word offset from the next instruction. */
export function rjmp(offset: number): number {
  return 0xc000 | (offset & 0x0fff);
}

export const INNER_COUNT = 100;
export const OUTER_WORD = 2;
export const INNER_WORD = 3;

/** The program, as words at address 0. Branch offsets count from the word after the branch. */
export const LOOP_WORDS: readonly number[] = [
  ldi(16, 0),
  ldi(17, 1),
  ldi(18, INNER_COUNT),
  add(16, 17),
  subi(18, 1),
  brne(INNER_WORD - 6),
  rjmp(OUTER_WORD - 7),
];

/** Cycles and instructions of the two set-up words, and of one pass of the outer loop. */
export const SETUP_CYCLES = 2;
export const SETUP_INSTRUCTIONS = 2;
export const PASS_CYCLES = 1 + INNER_COUNT * 2 + (INNER_COUNT - 1) * 2 + 1 + 2;
export const PASS_INSTRUCTIONS = 1 + INNER_COUNT * 3 + 1;
