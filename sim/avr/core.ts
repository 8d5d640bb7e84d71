// A faster instruction loop for avr8js's CPU: the same machine state (registers, SREG, SP, data, cycles,
// hooks, interrupts, clock events all stay avr8js's), but each opcode word is decoded once
// (sim/avr/decode.ts) and executed by one switch, where avrInstruction tests it against its patterns one
// by one every time. Each case is avr8js 0.21's own code for that instruction, in the same order of
// effects (a cycle counted before a read hook sees it, pc moved after a write hook), so the two agree on
// every opcode word: test/sim/avr/core.test.ts runs all 65,536 against avrInstruction. Rare instructions
// (FALLBACK) go to avrInstruction itself, and so does everything when `decoded` is false: avr8js alone, as
// the reference the tests and benchmarks compare with.

import { avrInstruction, type CPU } from 'avr8js';
import { decodeTable, displacement, isTwoWord } from './decode.js';

// The kinds the switch executes. Module-local constants, not imports: V8 folds these and compiles the
// switch to one indirect jump, where imported bindings make it test the cases one by one (slower than
// avr8js itself). 0 is FALLBACK: avrInstruction runs the word.
const FALLBACK = 0;
const NOP = 1;
const ADC = 2;
const ADD = 3;
const ADIW = 4;
const AND = 5;
const ANDI = 6;
const ASR = 7;
const BCLR = 8;
const BLD = 9;
const BRBC = 10;
const BRBS = 11;
const BSET = 12;
const BST = 13;
const CALL = 14;
const CBI = 15;
const COM = 16;
const CP = 17;
const CPC = 18;
const CPI = 19;
const CPSE = 20;
const DEC = 21;
const ELPM_REG = 22;
const ELPM_INC = 23;
const EOR = 24;
const ICALL = 25;
const IJMP = 26;
const IN = 27;
const INC = 28;
const JMP = 29;
const LDI = 30;
const LDS = 31;
const LD_X = 32;
const LD_X_INC = 33;
const LD_X_DEC = 34;
const LDD_Y = 35;
const LD_Y_INC = 36;
const LD_Y_DEC = 37;
const LDD_Z = 38;
const LD_Z_INC = 39;
const LD_Z_DEC = 40;
const LPM = 41;
const LPM_REG = 42;
const LPM_INC = 43;
const LSR = 44;
const MOV = 45;
const MOVW = 46;
const MUL = 47;
const NEG = 48;
const OR = 49;
const ORI = 50;
const OUT = 51;
const POP = 52;
const PUSH = 53;
const RCALL = 54;
const RET = 55;
const RETI = 56;
const RJMP = 57;
const ROR = 58;
const SBC = 59;
const SBCI = 60;
const SBI = 61;
const SBIC = 62;
const SBIS = 63;
const SBIW = 64;
const SBRC = 65;
const SBRS = 66;
const STS = 67;
const ST_X = 68;
const ST_X_INC = 69;
const ST_X_DEC = 70;
const STD_Y = 71;
const ST_Y_INC = 72;
const ST_Y_DEC = 73;
const STD_Z = 74;
const ST_Z_INC = 75;
const ST_Z_DEC = 76;
const SUB = 77;
const SUBI = 78;
const SWAP = 79;

/** Every opcode word's kind; SLEEP is a NOP to avr8js, and so here. */
const KINDS = decodeTable({ NOP, SLEEP: NOP, ADC, ADD, ADIW, AND, ANDI, ASR, BCLR, BLD, BRBC, BRBS, BSET, BST, CALL, CBI, COM, CP, CPC, CPI, CPSE, DEC, ELPM_REG, ELPM_INC, EOR, ICALL, IJMP, IN, INC, JMP, LDI, LDS, LD_X, LD_X_INC, LD_X_DEC, LDD_Y, LD_Y_INC, LD_Y_DEC, LDD_Z, LD_Z_INC, LD_Z_DEC, LPM, LPM_REG, LPM_INC, LSR, MOV, MOVW, MUL, NEG, OR, ORI, OUT, POP, PUSH, RCALL, RET, RETI, RJMP, ROR, SBC, SBCI, SBI, SBIC, SBIS, SBIW, SBRC, SBRS, STS, ST_X, ST_X_INC, ST_X_DEC, STD_Y, ST_Y_INC, ST_Y_DEC, STD_Z, ST_Z_INC, ST_Z_DEC, SUB, SUBI, SWAP });

/** Whether the core executes this opcode word itself (else avrInstruction does). */
export function decodes(opcode: number): boolean {
  return KINDS[opcode] !== FALLBACK;
}

/** Every opcode FALLBACK: avrInstruction decodes and runs each one. */
const AVR8JS_ONLY = new Uint8Array(0x10000).fill(FALLBACK);

/** What CPU.tick() looks at: an interrupt queued, a clock event (nextClockEvent is private in avr8js's types). */
interface PendingWork {
  readonly nextInterrupt: number;
  readonly nextClockEvent: object | null;
}

export interface AvrCoreOptions {
  /** Run decoded instructions here (default), or every instruction through avrInstruction. */
  decoded?: boolean;
}

export class AvrCore {
  /** Set (by a write hook, say) to end run() after the instruction under way. */
  stopped = false;
  private readonly watched: Uint8Array;
  private readonly kinds: Uint8Array;

  constructor(
    readonly cpu: CPU,
    options: AvrCoreOptions = {},
  ) {
    // CALL, RET and the interrupt push two bytes of pc here; 22-bit devices (over 128 KB of flash) push three.
    if (cpu.pc22Bits) throw new Error('AvrCore runs devices with a 16-bit program counter (the ATmega128)');
    this.watched = new Uint8Array(cpu.progMem.length);
    this.kinds = options.decoded === false ? AVR8JS_ONLY : KINDS;
  }

  /** run() stops when the pc reaches this word. */
  watch(pc: number): void {
    this.watched[pc] = 1;
  }

  /**
   * Executes instructions, each followed by cpu.tick() as avr8js's own loop does, until the pc reaches a
   * watched word, `stopped` is set, or `limit` instructions have run. Returns how many ran.
   */
  run(limit: number): number {
    const cpu = this.cpu;
    const data = cpu.data;
    const prog = cpu.progMem;
    const bytes = cpu.progBytes;
    const words = prog.length;
    const watched = this.watched;
    const kinds = this.kinds;
    const pending = cpu as unknown as PendingWork;
    this.stopped = false;
    let n = 0;
    do {
      const pc = cpu.pc;
      const op = prog[pc];
      switch (kinds[op]) {
        case NOP:
          break;
        case ADC: {
          const d = data[(op & 0x1f0) >> 4];
          const r = data[(op & 0xf) | ((op & 0x200) >> 5)];
          const sum = d + r + (data[95] & 1);
          const R = sum & 255;
          data[(op & 0x1f0) >> 4] = R;
          let s = (data[95] & 0xc0) | (R ? 0 : 2) | (128 & R ? 4 : 0) | ((R ^ r) & (d ^ R) & 128 ? 8 : 0);
          s |= ((s >> 2) & 1) ^ ((s >> 3) & 1) ? 0x10 : 0;
          s |= sum & 256 ? 1 : 0;
          s |= 1 & ((d & r) | (r & ~R) | (~R & d)) ? 0x20 : 0;
          data[95] = s;
          break;
        }
        case ADD: {
          const d = data[(op & 0x1f0) >> 4];
          const r = data[(op & 0xf) | ((op & 0x200) >> 5)];
          const R = (d + r) & 255;
          data[(op & 0x1f0) >> 4] = R;
          let s = (data[95] & 0xc0) | (R ? 0 : 2) | (128 & R ? 4 : 0) | ((R ^ r) & (R ^ d) & 128 ? 8 : 0);
          s |= ((s >> 2) & 1) ^ ((s >> 3) & 1) ? 0x10 : 0;
          s |= (d + r) & 256 ? 1 : 0;
          s |= 1 & ((d & r) | (r & ~R) | (~R & d)) ? 0x20 : 0;
          data[95] = s;
          break;
        }
        case ADIW: {
          const at = 2 * ((op & 0x30) >> 4) + 24;
          const value = data[at] | (data[at + 1] << 8);
          const R = (value + ((op & 0xf) | ((op & 0xc0) >> 2))) & 0xffff;
          data[at] = R;
          data[at + 1] = R >> 8;
          let s = (data[95] & 0xe0) | (R ? 0 : 2) | (0x8000 & R ? 4 : 0) | (~value & R & 0x8000 ? 8 : 0);
          s |= ((s >> 2) & 1) ^ ((s >> 3) & 1) ? 0x10 : 0;
          s |= ~R & value & 0x8000 ? 1 : 0;
          data[95] = s;
          cpu.cycles++;
          break;
        }
        case AND:
          logic(data, (op & 0x1f0) >> 4, data[(op & 0x1f0) >> 4] & data[(op & 0xf) | ((op & 0x200) >> 5)]);
          break;
        case ANDI:
          logic(data, ((op & 0xf0) >> 4) + 16, data[((op & 0xf0) >> 4) + 16] & ((op & 0xf) | ((op & 0xf00) >> 4)));
          break;
        case EOR:
          logic(data, (op & 0x1f0) >> 4, data[(op & 0x1f0) >> 4] ^ data[(op & 0xf) | ((op & 0x200) >> 5)]);
          break;
        case OR:
          logic(data, (op & 0x1f0) >> 4, data[(op & 0x1f0) >> 4] | data[(op & 0xf) | ((op & 0x200) >> 5)]);
          break;
        case ORI:
          logic(data, ((op & 0xf0) >> 4) + 16, data[((op & 0xf0) >> 4) + 16] | ((op & 0xf) | ((op & 0xf00) >> 4)));
          break;
        case ASR: {
          const value = data[(op & 0x1f0) >> 4];
          const R = (value >>> 1) | (128 & value);
          data[(op & 0x1f0) >> 4] = R;
          shiftFlags(data, R, value);
          break;
        }
        case LSR: {
          const value = data[(op & 0x1f0) >> 4];
          const R = value >>> 1;
          data[(op & 0x1f0) >> 4] = R;
          shiftFlags(data, R, value);
          break;
        }
        case ROR: {
          const value = data[(op & 0x1f0) >> 4];
          const R = (value >>> 1) | ((data[95] & 1) << 7);
          data[(op & 0x1f0) >> 4] = R;
          shiftFlags(data, R, value);
          break;
        }
        case BCLR:
          data[95] &= ~(1 << ((op & 0x70) >> 4));
          break;
        case BSET:
          data[95] |= 1 << ((op & 0x70) >> 4);
          break;
        case BRBC:
          if (!(data[95] & (1 << (op & 7)))) {
            cpu.pc = pc + (((op & 0x1f8) >> 3) - (op & 0x200 ? 0x40 : 0));
            cpu.cycles++;
          }
          break;
        case BRBS:
          if (data[95] & (1 << (op & 7))) {
            cpu.pc = pc + (((op & 0x1f8) >> 3) - (op & 0x200 ? 0x40 : 0));
            cpu.cycles++;
          }
          break;
        case CALL: {
          const k = prog[pc + 1] | ((op & 1) << 16) | ((op & 0x1f0) << 13);
          pushPc(data, pc + 2);
          cpu.pc = k - 1;
          cpu.cycles += 3;
          break;
        }
        case RCALL:
          pushPc(data, pc + 1);
          cpu.pc = pc + ((op & 0x7ff) - (op & 0x800 ? 0x800 : 0));
          cpu.cycles += 2;
          break;
        case ICALL:
          pushPc(data, pc + 1);
          cpu.pc = (data[30] | (data[31] << 8)) - 1;
          cpu.cycles += 2;
          break;
        case RET:
          this.ret();
          break;
        case RETI:
          this.ret();
          data[95] |= 0x80;
          break;
        case IJMP:
          cpu.pc = (data[30] | (data[31] << 8)) - 1;
          cpu.cycles++;
          break;
        case JMP:
          cpu.pc = (prog[pc + 1] | ((op & 1) << 16) | ((op & 0x1f0) << 13)) - 1;
          cpu.cycles += 2;
          break;
        case RJMP:
          cpu.pc = pc + ((op & 0x7ff) - (op & 0x800 ? 0x800 : 0));
          cpu.cycles++;
          break;
        case CBI: {
          const at = ((op & 0xf8) >> 3) + 32;
          const mask = 1 << (op & 7);
          cpu.writeData(at, cpu.readData(at) & ~mask, mask);
          break;
        }
        case SBI: {
          const at = ((op & 0xf8) >> 3) + 32;
          const mask = 1 << (op & 7);
          cpu.writeData(at, cpu.readData(at) | mask, mask);
          cpu.cycles++;
          break;
        }
        case COM: {
          const d = (op & 0x1f0) >> 4;
          const R = 255 - data[d];
          data[d] = R;
          let s = (data[95] & 0xe1) | 1 | (R ? 0 : 2) | (128 & R ? 4 : 0);
          s |= ((s >> 2) & 1) ^ ((s >> 3) & 1) ? 0x10 : 0;
          data[95] = s;
          break;
        }
        case NEG: {
          const d = (op & 0x1f0) >> 4;
          const value = data[d];
          const R = 0 - value;
          data[d] = R;
          let s = (data[95] & 0xc0) | (R ? 0 : 2) | (128 & R ? 4 : 0) | (128 === R ? 8 : 0);
          s |= ((s >> 2) & 1) ^ ((s >> 3) & 1) ? 0x10 : 0;
          s |= R ? 1 : 0;
          s |= 1 & (R | value) ? 0x20 : 0;
          data[95] = s;
          break;
        }
        case CP:
          subtract(data, data[(op & 0x1f0) >> 4], data[(op & 0xf) | ((op & 0x200) >> 5)]);
          break;
        case CPI:
          subtract(data, data[((op & 0xf0) >> 4) + 16], (op & 0xf) | ((op & 0xf00) >> 4));
          break;
        case SUB: {
          const d = (op & 0x1f0) >> 4;
          data[d] = subtract(data, data[d], data[(op & 0xf) | ((op & 0x200) >> 5)]);
          break;
        }
        case SUBI: {
          const d = ((op & 0xf0) >> 4) + 16;
          data[d] = subtract(data, data[d], (op & 0xf) | ((op & 0xf00) >> 4));
          break;
        }
        case CPC:
          subtractWithCarry(data, data[(op & 0x1f0) >> 4], data[(op & 0xf) | ((op & 0x200) >> 5)]);
          break;
        case SBC: {
          const d = (op & 0x1f0) >> 4;
          data[d] = subtractWithCarry(data, data[d], data[(op & 0xf) | ((op & 0x200) >> 5)]);
          break;
        }
        case SBCI: {
          const d = ((op & 0xf0) >> 4) + 16;
          data[d] = subtractWithCarry(data, data[d], (op & 0xf) | ((op & 0xf00) >> 4));
          break;
        }
        case SBIW: {
          const at = 2 * ((op & 0x30) >> 4) + 24;
          const a = data[at] | (data[at + 1] << 8);
          const l = (op & 0xf) | ((op & 0xc0) >> 2);
          const R = a - l;
          data[at] = R;
          data[at + 1] = R >> 8;
          let s = (data[95] & 0xc0) | (R ? 0 : 2) | (0x8000 & R ? 4 : 0) | (a & ~R & 0x8000 ? 8 : 0);
          s |= ((s >> 2) & 1) ^ ((s >> 3) & 1) ? 0x10 : 0;
          s |= l > a ? 1 : 0;
          s |= 1 & ((~a & l) | (l & R) | (R & ~a)) ? 0x20 : 0;
          data[95] = s;
          cpu.cycles++;
          break;
        }
        case DEC: {
          const value = data[(op & 0x1f0) >> 4];
          const R = value - 1;
          data[(op & 0x1f0) >> 4] = R;
          let s = (data[95] & 0xe1) | (R ? 0 : 2) | (128 & R ? 4 : 0) | (128 === value ? 8 : 0);
          s |= ((s >> 2) & 1) ^ ((s >> 3) & 1) ? 0x10 : 0;
          data[95] = s;
          break;
        }
        case INC: {
          const value = data[(op & 0x1f0) >> 4];
          const R = (value + 1) & 255;
          data[(op & 0x1f0) >> 4] = R;
          let s = (data[95] & 0xe1) | (R ? 0 : 2) | (128 & R ? 4 : 0) | (127 === value ? 8 : 0);
          s |= ((s >> 2) & 1) ^ ((s >> 3) & 1) ? 0x10 : 0;
          data[95] = s;
          break;
        }
        case SWAP: {
          const d = (op & 0x1f0) >> 4;
          const i = data[d];
          data[d] = ((15 & i) << 4) | ((240 & i) >>> 4);
          break;
        }
        case CPSE:
          if (data[(op & 0x1f0) >> 4] === data[(op & 0xf) | ((op & 0x200) >> 5)]) this.skip(pc);
          break;
        case SBRC:
          if (!(data[(op & 0x1f0) >> 4] & (1 << (op & 7)))) this.skip(pc);
          break;
        case SBRS:
          if (data[(op & 0x1f0) >> 4] & (1 << (op & 7))) this.skip(pc);
          break;
        case SBIC:
          if (!(cpu.readData(((op & 0xf8) >> 3) + 32) & (1 << (op & 7)))) this.skip(pc);
          break;
        case SBIS:
          if (cpu.readData(((op & 0xf8) >> 3) + 32) & (1 << (op & 7))) this.skip(pc);
          break;
        case IN:
          data[(op & 0x1f0) >> 4] = cpu.readData(((op & 0xf) | ((op & 0x600) >> 5)) + 32);
          break;
        case OUT:
          cpu.writeData(((op & 0xf) | ((op & 0x600) >> 5)) + 32, data[(op & 0x1f0) >> 4]);
          break;
        case LDI:
          data[((op & 0xf0) >> 4) + 16] = (op & 0xf) | ((op & 0xf00) >> 4);
          break;
        case MOV:
          data[(op & 0x1f0) >> 4] = data[(op & 0xf) | ((op & 0x200) >> 5)];
          break;
        case MOVW: {
          const r2 = 2 * (op & 0xf);
          const d2 = 2 * ((op & 0xf0) >> 4);
          data[d2] = data[r2];
          data[d2 + 1] = data[r2 + 1];
          break;
        }
        case MUL: {
          const R = data[(op & 0x1f0) >> 4] * data[(op & 0xf) | ((op & 0x200) >> 5)];
          data[0] = R;
          data[1] = R >> 8;
          data[95] = (data[95] & 0xfc) | (0xffff & R ? 0 : 2) | (0x8000 & R ? 1 : 0);
          cpu.cycles++;
          break;
        }
        case LDS:
          cpu.cycles++;
          data[(op & 0x1f0) >> 4] = cpu.readData(prog[pc + 1]);
          cpu.pc++;
          break;
        case STS:
          cpu.writeData(prog[pc + 1], data[(op & 0x1f0) >> 4]);
          cpu.pc++;
          cpu.cycles++;
          break;
        case LD_X:
          cpu.cycles++;
          data[(op & 0x1f0) >> 4] = cpu.readData(data[26] | (data[27] << 8));
          break;
        case LD_X_INC:
          this.loadIncrement(op, 26);
          break;
        case LD_X_DEC:
          this.loadDecrement(op, 26);
          break;
        case LDD_Y:
          cpu.cycles++;
          data[(op & 0x1f0) >> 4] = cpu.readData((data[28] | (data[29] << 8)) + displacement(op));
          break;
        case LD_Y_INC:
          this.loadIncrement(op, 28);
          break;
        case LD_Y_DEC:
          this.loadDecrement(op, 28);
          break;
        case LDD_Z:
          cpu.cycles++;
          data[(op & 0x1f0) >> 4] = cpu.readData((data[30] | (data[31] << 8)) + displacement(op));
          break;
        case LD_Z_INC:
          this.loadIncrement(op, 30);
          break;
        case LD_Z_DEC:
          this.loadDecrement(op, 30);
          break;
        case ST_X:
          cpu.writeData(data[26] | (data[27] << 8), data[(op & 0x1f0) >> 4]);
          cpu.cycles++;
          break;
        case ST_X_INC:
          this.storeIncrement(op, 26);
          break;
        case ST_X_DEC:
          this.storeDecrement(op, 26);
          break;
        case STD_Y:
          cpu.writeData((data[28] | (data[29] << 8)) + displacement(op), data[(op & 0x1f0) >> 4]);
          cpu.cycles++;
          break;
        case ST_Y_INC:
          this.storeIncrement(op, 28);
          break;
        case ST_Y_DEC:
          this.storeDecrement(op, 28);
          break;
        case STD_Z:
          cpu.writeData((data[30] | (data[31] << 8)) + displacement(op), data[(op & 0x1f0) >> 4]);
          cpu.cycles++;
          break;
        case ST_Z_INC:
          this.storeIncrement(op, 30);
          break;
        case ST_Z_DEC:
          this.storeDecrement(op, 30);
          break;
        case LPM:
          data[0] = bytes[data[30] | (data[31] << 8)];
          cpu.cycles += 2;
          break;
        case LPM_REG:
          data[(op & 0x1f0) >> 4] = bytes[data[30] | (data[31] << 8)];
          cpu.cycles += 2;
          break;
        case LPM_INC: {
          const z = data[30] | (data[31] << 8);
          data[(op & 0x1f0) >> 4] = bytes[z];
          data[30] = z + 1;
          data[31] = (z + 1) >> 8;
          cpu.cycles += 2;
          break;
        }
        case ELPM_REG:
          data[(op & 0x1f0) >> 4] = bytes[(data[0x5b] << 16) | data[30] | (data[31] << 8)];
          cpu.cycles += 2;
          break;
        case ELPM_INC: {
          const rampz = data[0x5b];
          const z = data[30] | (data[31] << 8);
          data[(op & 0x1f0) >> 4] = bytes[(rampz << 16) | z];
          data[30] = z + 1;
          data[31] = (z + 1) >> 8;
          if (z === 0xffff) data[0x5b] = (rampz + 1) % (bytes.length >> 16);
          cpu.cycles += 2;
          break;
        }
        case BLD: {
          const b = op & 7;
          const d = (op & 0x1f0) >> 4;
          data[d] = (~(1 << b) & data[d]) | (((data[95] >> 6) & 1) << b);
          break;
        }
        case BST:
          data[95] = (data[95] & 0xbf) | ((data[(op & 0x1f0) >> 4] >> (op & 7)) & 1 ? 0x40 : 0);
          break;
        case POP: {
          const sp = (data[93] | (data[94] << 8)) + 1;
          data[93] = sp;
          data[94] = sp >> 8;
          data[(op & 0x1f0) >> 4] = data[sp];
          cpu.cycles++;
          break;
        }
        case PUSH: {
          const sp = data[93] | (data[94] << 8);
          data[sp] = data[(op & 0x1f0) >> 4];
          data[93] = sp - 1;
          data[94] = (sp - 1) >> 8;
          cpu.cycles++;
          break;
        }
        default:
          // avrInstruction moves the pc and counts the cycle itself.
          avrInstruction(cpu);
          cpu.tick();
          continue;
      }
      const next = cpu.pc + 1;
      cpu.pc = next >= words ? next % words : next; // avr8js: (pc + 1) % words, without a division each time
      cpu.cycles++;
      if (pending.nextInterrupt >= 0 || pending.nextClockEvent !== null) cpu.tick(); // else tick() does nothing
    } while (++n < limit && watched[cpu.pc] === 0 && !this.stopped);
    return n;
  }

  /** RET and RETI: the pc from the stack (high byte first, below SP + 2). */
  private ret(): void {
    const { cpu } = this;
    const data = cpu.data;
    const i = (data[93] | (data[94] << 8)) + 2;
    data[93] = i;
    data[94] = i >> 8;
    cpu.pc = (data[i - 1] << 8) + data[i] - 1;
    cpu.cycles += 3;
  }

  /** CPSE, SBRC, SBRS, SBIC, SBIS taken: over the next instruction, one word or two. */
  private skip(pc: number): void {
    const size = isTwoWord(this.cpu.progMem[pc + 1]) ? 2 : 1;
    this.cpu.pc += size;
    this.cpu.cycles += size;
  }

  /** LD Rd, X+ / Y+ / Z+ (pointer at register `at`). */
  private loadIncrement(op: number, at: number): void {
    const { cpu } = this;
    const data = cpu.data;
    const p = data[at] | (data[at + 1] << 8);
    cpu.cycles++;
    data[(op & 0x1f0) >> 4] = cpu.readData(p);
    data[at] = p + 1;
    data[at + 1] = (p + 1) >> 8;
  }

  /** LD Rd, -X / -Y / -Z. */
  private loadDecrement(op: number, at: number): void {
    const { cpu } = this;
    const data = cpu.data;
    const p = (data[at] | (data[at + 1] << 8)) - 1;
    data[at] = p;
    data[at + 1] = p >> 8;
    cpu.cycles++;
    data[(op & 0x1f0) >> 4] = cpu.readData(p);
  }

  /** ST X+ / Y+ / Z+, Rr. */
  private storeIncrement(op: number, at: number): void {
    const { cpu } = this;
    const data = cpu.data;
    const p = data[at] | (data[at + 1] << 8);
    cpu.writeData(p, data[(op & 0x1f0) >> 4]);
    data[at] = p + 1;
    data[at + 1] = (p + 1) >> 8;
    cpu.cycles++;
  }

  /** ST -X / -Y / -Z, Rr. */
  private storeDecrement(op: number, at: number): void {
    const { cpu } = this;
    const data = cpu.data;
    const value = data[(op & 0x1f0) >> 4];
    const p = (data[at] | (data[at + 1] << 8)) - 1;
    data[at] = p;
    data[at + 1] = p >> 8;
    cpu.writeData(p, value);
    cpu.cycles++;
  }
}

/** AND, ANDI, EOR, OR, ORI: the result into register d; V cleared, S, N, Z from it. */
function logic(data: Uint8Array, d: number, R: number): void {
  data[d] = R;
  let s = (data[95] & 0xe1) | (R ? 0 : 2) | (128 & R ? 4 : 0);
  s |= ((s >> 2) & 1) ^ ((s >> 3) & 1) ? 0x10 : 0;
  data[95] = s;
}

/** ASR, LSR, ROR: flags from the result R and the value shifted (its bit 0 to C). */
function shiftFlags(data: Uint8Array, R: number, value: number): void {
  let s = (data[95] & 0xe0) | (R ? 0 : 2) | (128 & R ? 4 : 0) | (value & 1);
  s |= ((s >> 2) & 1) ^ (s & 1) ? 8 : 0;
  s |= ((s >> 2) & 1) ^ ((s >> 3) & 1) ? 0x10 : 0;
  data[95] = s;
}

/** CP, CPI, SUB, SUBI: the flags of a - b; returns a - b (unwrapped, as avr8js stores it). */
function subtract(data: Uint8Array, a: number, b: number): number {
  const R = a - b;
  let s = (data[95] & 0xc0) | (R ? 0 : 2) | (128 & R ? 4 : 0) | ((a ^ b) & (a ^ R) & 128 ? 8 : 0);
  s |= ((s >> 2) & 1) ^ ((s >> 3) & 1) ? 0x10 : 0;
  s |= b > a ? 1 : 0;
  s |= 1 & ((~a & b) | (b & R) | (R & ~a)) ? 0x20 : 0;
  data[95] = s;
  return R;
}

/** CPC, SBC, SBCI: the flags of a - b - C (Z only kept, never set); returns the difference. */
function subtractWithCarry(data: Uint8Array, a: number, b: number): number {
  let s = data[95];
  const R = a - b - (s & 1);
  s = (s & 0xc0) | (!R && (s >> 1) & 1 ? 2 : 0) | (b + (s & 1) > a ? 1 : 0);
  s |= 128 & R ? 4 : 0;
  s |= (a ^ b) & (a ^ R) & 128 ? 8 : 0;
  s |= ((s >> 2) & 1) ^ ((s >> 3) & 1) ? 0x10 : 0;
  s |= 1 & ((~a & b) | (b & R) | (R & ~a)) ? 0x20 : 0;
  data[95] = s;
  return R;
}

/** CALL, RCALL, ICALL: the return address onto the stack (low byte first, at SP), SP down by two. */
function pushPc(data: Uint8Array, ret: number): void {
  const sp = data[93] | (data[94] << 8);
  data[sp] = 255 & ret;
  data[sp - 1] = (ret >> 8) & 255;
  data[93] = sp - 2;
  data[94] = (sp - 2) >> 8;
}
