// Each peephole rule fires where it should and not across a label (compiler/peephole.ts). Whether
// the rewrites keep what programs do is the differential properties' job; here, that they happen.

import { describe, expect, it } from 'vitest';
import type { Ir } from '../../compiler/ir.js';
import { optimise } from '../../compiler/peephole.js';

const at = { line: 1, col: 1 };
const op = (name: string, operand?: number, buffer?: boolean): Ir => ({ kind: 'op', name, at, ...(operand === undefined ? {} : { operand }), ...(buffer ? { buffer } : {}) });
const label = (id: number): Ir => ({ kind: 'label', id });
const text = (ir: readonly Ir[]): string[] => ir.map((i) => (i.kind === 'label' ? `L${i.id}:` : `${i.name}${i.operand === undefined ? '' : ` ${i.operand}`}`));

describe('the peephole optimiser', () => {
  it('keeps a stored value on the stack instead of loading it again', () => {
    expect(text(optimise([op('setvar', 3), op('getvar', 3), op('putled')]))).toEqual(['copy', 'setvar 3', 'putled']);
    expect(text(optimise([op('sets'), op('gets'), op('putled')]))).toEqual(['copy', 'sets', 'putled']);
    expect(text(optimise([op('setvar', 3), op('getvar', 4), op('putled')]))).toEqual(['setvar 3', 'getvar 4', 'putled']);
  });

  it('does not look across a label', () => {
    expect(text(optimise([op('setvar', 3), label(0), op('getvar', 3), op('jump', 0)]))).toEqual(['setvar 3', 'L0:', 'getvar 3', 'jump 0']);
  });

  it('drops a pop and pushm after an instruction that left the buffer on top', () => {
    expect(text(optimise([op('add', undefined, true), op('pop'), op('pushm'), op('send')]))).toEqual(['add', 'send']);
    expect(text(optimise([op('add'), op('pop'), op('pushm'), op('send')]))).toEqual(['add', 'pop', 'pushm', 'send']);
  });

  it("sinks a buffer's clear to its next use, but not past one that touches the buffer", () => {
    const sunk = optimise([op('pushm'), op('clear', undefined, true), op('pop'), op('pushc', 1), op('sense'), op('pushm'), op('add', undefined, true), op('pop'), op('halt')]);
    expect(text(sunk)).toEqual(['pushc 1', 'sense', 'pushm', 'clear', 'add', 'pop', 'halt']);
    const kept = [op('pushm'), op('clear', undefined, true), op('pop'), op('call', 0), op('pushm'), op('send')];
    expect(text(optimise(kept))).toEqual(text(kept));
  });

  it('tests x > 0 with a bare blez, and x = 0 with lnot', () => {
    expect(text(optimise([op('getvar', 1), op('pushc', 0), op('gt'), op('blez', 0), op('halt'), label(0), op('halt')]))).toEqual(['getvar 1', 'blez 0', 'halt', 'L0:', 'halt']);
    expect(text(optimise([op('getvar', 1), op('pushc', 1), op('gt'), op('blez', 0), label(0), op('halt')]))).toEqual(['getvar 1', 'pushc 1', 'gt', 'blez 0', 'L0:', 'halt']);
    expect(text(optimise([op('getvar', 1), op('pushc', 0), op('eq'), op('putled')]))).toEqual(['getvar 1', 'lnot', 'putled']);
  });

  it('drops a pure push that is popped at once', () => {
    expect(text(optimise([op('rand'), op('pop'), op('getvar', 2), op('pop'), op('halt')]))).toEqual(['rand', 'pop', 'halt']);
  });

  it('drops a jump to the next instruction and code no path reaches', () => {
    expect(text(optimise([op('jump', 0), label(0), op('halt')]))).toEqual(['L0:', 'halt']);
    expect(text(optimise([op('halt'), op('pushc', 1), op('putled'), label(0), op('ret')]))).toEqual(['halt', 'L0:', 'ret']);
  });

  it('sends a branch to a jump straight to where that jump goes', () => {
    const ir = [op('getvar', 0), op('blez', 0), op('halt'), label(0), op('jump', 1), label(1), op('ret')];
    expect(text(optimise(ir))).toEqual(['getvar 0', 'blez 1', 'halt', 'L0:', 'L1:', 'ret']);
    const loop = [label(0), op('jump', 0)];
    expect(text(optimise(loop))).toEqual(['L0:', 'jump 0']);
  });
});
