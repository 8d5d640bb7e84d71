// Layout: the optimised code (ir.ts) to byte offsets and assembly text. A `blez` whose target lies
// past byte 63 (its 6-bit field) becomes `blezw`; since growing one can only push others out of
// range, the sizes are recomputed until they stop changing. The text is what `mote compile --asm`
// prints and what the assembler turns into bytes, with each source line as a comment above its code.

import { instructionLength, opcodeByName } from '../vm/opcodes.js';
import type { Loc } from './errors.js';
import type { Ir, Op } from './ir.js';

/** blez's embedded target: 6 bits (vm/opcodes.ts). */
const BLEZ_MAX_TARGET = 63;

export interface Placed {
  readonly op: Op;
  readonly pc: number;
  /** The mnemonic as laid out (blez or blezw). */
  readonly name: string;
  /** A branch's resolved target. */
  readonly target?: number;
}

export interface Layout {
  readonly placed: Placed[];
  readonly size: number;
  /** Label id to byte offset. */
  readonly labels: Map<number, number>;
}

function length(name: string): number {
  const row = opcodeByName(name);
  return row === undefined ? 1 : instructionLength(row);
}

export function layout(ir: readonly Ir[]): Layout {
  const wide = new Set<number>(); // indices of blez that must be blezw
  for (;;) {
    const labels = new Map<number, number>();
    const pcs: number[] = [];
    let pc = 0;
    ir.forEach((i, k) => {
      if (i.kind === 'label') labels.set(i.id, pc);
      else {
        pcs[k] = pc;
        pc += length(i.name === 'blez' && wide.has(k) ? 'blezw' : i.name);
      }
    });
    let grew = false;
    ir.forEach((i, k) => {
      if (i.kind === 'op' && i.name === 'blez' && !wide.has(k) && (labels.get(i.operand ?? -1) ?? 0) > BLEZ_MAX_TARGET) {
        wide.add(k);
        grew = true;
      }
    });
    if (grew) continue;
    const placed: Placed[] = [];
    ir.forEach((i, k) => {
      if (i.kind !== 'op') return;
      const name = i.name === 'blez' && wide.has(k) ? 'blezw' : i.name;
      const target = name === 'jump' || name === 'jumpc' || name === 'blez' || name === 'blezw' ? labels.get(i.operand ?? -1) : undefined;
      placed.push({ op: i, pc: pcs[k], name, ...(target === undefined ? {} : { target }) });
    });
    return { placed, size: pc, labels };
  }
}

export interface AsmHeader {
  readonly name: string;
  readonly type: string;
  readonly version: number;
  readonly file: string;
}

/** Assembly text for the laid-out code: labels as `L<pc>`, the source lines as comments. */
export function assemblyText(l: Layout, header: AsmHeader, sourceLines: readonly string[]): string {
  const targets = new Set(l.placed.flatMap((p) => (p.target === undefined ? [] : [p.target])));
  const lines = [
    `; ${header.file}, compiled by mote compile`,
    `.name ${JSON.stringify(header.name)}`,
    `.capsule ${header.type}`,
    `.version ${header.version}`,
    '',
  ];
  let lastLine = -1;
  for (const p of l.placed) {
    if (p.op.at.line !== lastLine) {
      lastLine = p.op.at.line;
      lines.push(`; ${lastLine}: ${(sourceLines[lastLine - 1] ?? '').trim()}`);
    }
    const label = targets.has(p.pc) ? `L${p.pc}:` : '';
    const operand = p.target !== undefined ? `L${p.target}` : p.op.operand === undefined ? '' : String(p.op.operand);
    lines.push(`${label.padEnd(8)}${p.name.padEnd(8)}${operand}`.trimEnd());
  }
  return `${lines.join('\n')}\n`;
}

/** Source place of each instruction, by pc. */
export function sourceMapOf(l: Layout): { pc: number; line: number; col: number }[] {
  return l.placed.map((p) => ({ pc: p.pc, line: p.op.at.line, col: p.op.at.col }));
}

export function locAt(l: Layout, pc: number): Loc | undefined {
  let found: Loc | undefined;
  for (const p of l.placed) if (p.pc <= pc) found = p.op.at;
  return found;
}
