// Shared shapes for the compiler tests: compile or fail loudly, and run a `once` handler on a VM to
// its end (a step limit instead of a hang), returning heap words and traps.

import { compile, type CompileOptions } from '../../compiler/compile.js';
import type { Capsule } from '../../vm/capsule.js';
import { Vm } from '../../vm/vm.js';
import { TestHost } from '../vm/helpers.js';

export function compiled(source: string, options: CompileOptions = {}): Capsule {
  const result = compile(source, { file: 'test.tinyscript', ...options });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n'));
  return result.capsule;
}

export interface Ran {
  readonly heap: number[];
  readonly trapped: boolean;
  readonly instructions: number;
}

/** Install a once capsule and run it until no context is ready or maxSteps instructions ran. */
export function runOnce(capsule: Capsule, maxSteps = 2_000_000): Ran {
  const host = new TestHost();
  const vm = new Vm(host, { profile: 'lean' });
  vm.install(capsule);
  while (vm.ready && vm.instructions < maxSteps) vm.run(1_000_000);
  if (vm.ready) throw new Error(`still running after ${maxSteps} instructions`);
  return { heap: vm.inspect().heap.map((o) => o.value), trapped: host.traps.length > 0, instructions: vm.instructions };
}

/** Wrap to a signed 16-bit value, written independently of the compiler's arith.ts. */
export function signed16(n: number): number {
  const m = ((n % 65536) + 65536) % 65536;
  return m >= 32768 ? m - 65536 : m;
}

/** A division or remainder by zero: the reference's way of saying the VM traps. */
export class Trap extends Error {}

/**
 * The reference for the operators the VM has an instruction for (or that codegen builds from
 * bit operations): written from the C semantics the VM documents, with BigInt for the products.
 */
export function referenceArithmetic(op: string, a: number, b: number): number | undefined {
  switch (op) {
    case '+': return signed16(a + b);
    case '-': return signed16(a - b);
    case '*': return signed16(Number((BigInt(a) * BigInt(b)) % 65536n));
    case '/':
      if (b === 0) throw new Trap();
      return signed16(Math.trunc(a / b));
    case '%':
      if (b === 0) throw new Trap();
      return signed16(a - b * Math.trunc(a / b));
    case '&': return signed16(Number(BigInt.asIntN(16, BigInt(a) & BigInt(b))));
    case '|': return signed16(Number(BigInt.asIntN(16, BigInt(a) | BigInt(b))));
    case '#': return signed16(Number(BigInt.asIntN(16, BigInt(a) ^ BigInt(b))));
  }
  return undefined;
}
