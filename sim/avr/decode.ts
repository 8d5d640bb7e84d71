// avr8js's instruction decoder as data: the patterns its avrInstruction (src/cpu/instruction.ts) tests an
// opcode word against, one after another, for every instruction it runs. decodeTable() applies them once
// to all 65,536 words, in avr8js's order, so that a word matching two patterns means what it means to
// avr8js; sim/avr/core.ts executes the table's kinds.

/** [mask, value, mnemonic] in avr8js's order; LDD/STD (mask 0xd208) also need a displacement q > 0. */
const PATTERNS = [
  [0xfc00, 0x1c00, 'ADC'], [0xfc00, 0x0c00, 'ADD'], [0xff00, 0x9600, 'ADIW'], [0xfc00, 0x2000, 'AND'], [0xf000, 0x7000, 'ANDI'],
  [0xfe0f, 0x9405, 'ASR'], [0xff8f, 0x9488, 'BCLR'], [0xfe08, 0xf800, 'BLD'], [0xfc00, 0xf400, 'BRBC'], [0xfc00, 0xf000, 'BRBS'],
  [0xff8f, 0x9408, 'BSET'], [0xfe08, 0xfa00, 'BST'], [0xfe0e, 0x940e, 'CALL'], [0xff00, 0x9800, 'CBI'], [0xfe0f, 0x9400, 'COM'],
  [0xfc00, 0x1400, 'CP'], [0xfc00, 0x0400, 'CPC'], [0xf000, 0x3000, 'CPI'], [0xfc00, 0x1000, 'CPSE'], [0xfe0f, 0x940a, 'DEC'],
  [0xffff, 0x9519, 'EICALL'], [0xffff, 0x9419, 'EIJMP'], [0xffff, 0x95d8, 'ELPM'], [0xfe0f, 0x9006, 'ELPM_REG'],
  [0xfe0f, 0x9007, 'ELPM_INC'], [0xfc00, 0x2400, 'EOR'], [0xff88, 0x0308, 'FMUL'], [0xff88, 0x0380, 'FMULS'],
  [0xff88, 0x0388, 'FMULSU'], [0xffff, 0x9509, 'ICALL'], [0xffff, 0x9409, 'IJMP'], [0xf800, 0xb000, 'IN'], [0xfe0f, 0x9403, 'INC'],
  [0xfe0e, 0x940c, 'JMP'], [0xfe0f, 0x9206, 'LAC'], [0xfe0f, 0x9205, 'LAS'], [0xfe0f, 0x9207, 'LAT'], [0xf000, 0xe000, 'LDI'],
  [0xfe0f, 0x9000, 'LDS'], [0xfe0f, 0x900c, 'LD_X'], [0xfe0f, 0x900d, 'LD_X_INC'], [0xfe0f, 0x900e, 'LD_X_DEC'],
  [0xfe0f, 0x8008, 'LDD_Y'], [0xfe0f, 0x9009, 'LD_Y_INC'], [0xfe0f, 0x900a, 'LD_Y_DEC'], [0xd208, 0x8008, 'LDD_Y'],
  [0xfe0f, 0x8000, 'LDD_Z'], [0xfe0f, 0x9001, 'LD_Z_INC'], [0xfe0f, 0x9002, 'LD_Z_DEC'], [0xd208, 0x8000, 'LDD_Z'],
  [0xffff, 0x95c8, 'LPM'], [0xfe0f, 0x9004, 'LPM_REG'], [0xfe0f, 0x9005, 'LPM_INC'], [0xfe0f, 0x9406, 'LSR'], [0xfc00, 0x2c00, 'MOV'],
  [0xff00, 0x0100, 'MOVW'], [0xfc00, 0x9c00, 'MUL'], [0xff00, 0x0200, 'MULS'], [0xff88, 0x0300, 'MULSU'], [0xfe0f, 0x9401, 'NEG'],
  [0xffff, 0x0000, 'NOP'], [0xfc00, 0x2800, 'OR'], [0xf000, 0x6000, 'ORI'], [0xf800, 0xb800, 'OUT'], [0xfe0f, 0x900f, 'POP'],
  [0xfe0f, 0x920f, 'PUSH'], [0xf000, 0xd000, 'RCALL'], [0xffff, 0x9508, 'RET'], [0xffff, 0x9518, 'RETI'], [0xf000, 0xc000, 'RJMP'],
  [0xfe0f, 0x9407, 'ROR'], [0xfc00, 0x0800, 'SBC'], [0xf000, 0x4000, 'SBCI'], [0xff00, 0x9a00, 'SBI'], [0xff00, 0x9900, 'SBIC'],
  [0xff00, 0x9b00, 'SBIS'], [0xff00, 0x9700, 'SBIW'], [0xfe08, 0xfc00, 'SBRC'], [0xfe08, 0xfe00, 'SBRS'],
  [0xffff, 0x9588, 'SLEEP'], [0xffff, 0x95e8, 'SPM'], [0xffff, 0x95f8, 'SPM_INC'], [0xfe0f, 0x9200, 'STS'], [0xfe0f, 0x920c, 'ST_X'],
  [0xfe0f, 0x920d, 'ST_X_INC'], [0xfe0f, 0x920e, 'ST_X_DEC'], [0xfe0f, 0x8208, 'STD_Y'], [0xfe0f, 0x9209, 'ST_Y_INC'],
  [0xfe0f, 0x920a, 'ST_Y_DEC'], [0xd208, 0x8208, 'STD_Y'], [0xfe0f, 0x8200, 'STD_Z'], [0xfe0f, 0x9201, 'ST_Z_INC'],
  [0xfe0f, 0x9202, 'ST_Z_DEC'], [0xd208, 0x8200, 'STD_Z'], [0xfc00, 0x1800, 'SUB'], [0xf000, 0x5000, 'SUBI'], [0xfe0f, 0x9402, 'SWAP'],
  [0xffff, 0x95a8, 'WDR'], [0xfe0f, 0x9204, 'XCH'],
] as const;

/** An instruction as avr8js names it (LD Rd, Y and LDD Rd, Y+q are one, LDD_Y, as are their Z and ST forms). */
export type Mnemonic = (typeof PATTERNS)[number][2];

/** The displacement q of LDD/STD: 10q0 qq0d dddd yqqq. */
export function displacement(opcode: number): number {
  return (opcode & 7) | ((opcode & 0xc00) >> 7) | ((opcode & 0x2000) >> 8);
}

/** The mnemonic of one opcode word: the first pattern it matches; a word none matches is a NOP to avr8js (pc and cycles + 1). */
export function mnemonic(opcode: number): Mnemonic {
  for (const [mask, value, name] of PATTERNS) {
    if ((opcode & mask) !== value) continue;
    if (mask === 0xd208 && displacement(opcode) === 0) continue;
    return name;
  }
  return 'NOP';
}

/** Every opcode word's kind: kinds[its mnemonic], or 0 for a mnemonic missing there. */
export function decodeTable(kinds: Partial<Record<Mnemonic, number>>): Uint8Array {
  return Uint8Array.from({ length: 0x10000 }, (_, opcode) => kinds[mnemonic(opcode)] ?? 0);
}

/** avr8js's two-word instructions (LDS, STS, CALL, JMP): a skip over one skips two words. */
export function isTwoWord(opcode: number): boolean {
  return (opcode & 0xfe0f) === 0x9000 || (opcode & 0xfe0f) === 0x9200 || (opcode & 0xfe0e) === 0x940e || (opcode & 0xfe0e) === 0x940c;
}
