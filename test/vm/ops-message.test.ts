// One test per message and radio instruction (SPEC 7, SPEC 5 payload of 29 bytes): each context
// has one message buffer; words are little-endian; send and friends are split-phase.

import { describe, expect, it } from 'vitest';
import { afterSteps, message, stepMore, values } from './helpers.js';

describe('message and radio instructions', () => {
  it("pushm pushes this context's (empty) message buffer", () => {
    const { once, cycles } = afterSteps(['pushm'], 1);
    expect(once.stack).toEqual([message(0)]);
    expect(once.pc).toBe(1);
    expect(cycles).toBe(459);
  });

  it('movm copies the last received message in, charging 8 cycles a byte', () => {
    const state = afterSteps(['movm'], 0);
    state.vm.deliver(Uint8Array.from([1, 2, 3, 4, 99]), 4, 12);
    const { once, cycles } = stepMore(state, 1);
    expect(once.stack).toEqual([message(4)]);
    expect(once.message).toEqual([1, 2, 3, 4]);
    expect(once.pc).toBe(1);
    expect(cycles).toBe(459 + 4 * 8);
    expect(state.vm.inspect().lastSource).toBe(12);
  });

  it('add appends a value to a message as a little-endian word', () => {
    const { once, cycles } = afterSteps(['pushm', 'pushw 0x1234', 'add', 'pushc 5', 'swap', 'add'], 6);
    expect(once.stack).toEqual([message(4)]);
    expect(once.message).toEqual([0x34, 0x12, 5, 0]);
    expect(once.pc).toBe(8);
    expect(cycles).toBe(469);
  });

  it('clear empties the message on top of the stack', () => {
    const { once, cycles } = afterSteps(['pushm', 'pushc 5', 'add', 'clear'], 4);
    expect(once.stack).toEqual([message(0)]);
    expect(once.message).toEqual([]);
    expect(once.pc).toBe(4);
    expect(cycles).toBe(463);
  });

  it('getms reads 16-bit field n from bytes 2n and 2n + 1', () => {
    const { once, cycles } = afterSteps(['pushm', 'pushc 1', 'add', 'pushw -2', 'add', 'getms 1'], 6);
    expect(once.stack).toEqual(values(-2));
    expect(once.pc).toBe(8);
    expect(cycles).toBe(463);
  });

  it('getmb reads byte n, unsigned', () => {
    const { once, cycles } = afterSteps(['pushm', 'pushw -2', 'add', 'getmb 1'], 4);
    expect(once.stack).toEqual(values(255));
    expect(once.pc).toBe(6);
    expect(cycles).toBe(463);
  });

  it('setms writes field n, zero-filling the message up to it, and pushes the message', () => {
    const { once, cycles } = afterSteps(['pushm', 'pushw 0x0102', 'setms 1'], 3);
    expect(once.stack).toEqual([message(4)]);
    expect(once.message).toEqual([0, 0, 2, 1]);
    expect(once.pc).toBe(5);
    expect(cycles).toBe(464);
  });

  it('setmb writes byte n', () => {
    const { once, cycles } = afterSteps(['pushm', 'pushb 0xab', 'setmb 2'], 3);
    expect(once.stack).toEqual([message(3)]);
    expect(once.message).toEqual([0, 0, 0xab]);
    expect(once.pc).toBe(4);
    expect(cycles).toBe(464);
  });

  it('send hands the message to the host, routed to the base station, and waits until sent', () => {
    const { vm, host, once, cycles } = afterSteps(['pushm', 'pushc 7', 'add', 'send', 'pushc 1'], 4);
    expect(host.sends).toEqual([{ context: 'once', dest: 0, bytes: [7, 0], routed: true }]);
    expect(once.state).toBe('waiting');
    expect(once.stack).toEqual([]);
    expect(once.pc).toBe(4);
    expect(cycles).toBe(20_000);
    expect(vm.ready).toBe(false);
    vm.sendDone('once');
    expect(vm.ready).toBe(true);
  });

  it('sendr sends the message to the popped address', () => {
    const { host, once, cycles } = afterSteps(['pushm', 'pushc 7', 'add', 'pushc 12', 'sendr'], 5);
    expect(host.sends).toEqual([{ context: 'once', dest: 12, bytes: [7, 0], routed: false }]);
    expect(once.state).toBe('waiting');
    expect(once.stack).toEqual([]);
    expect(once.pc).toBe(5);
    expect(cycles).toBe(20_000);
  });

  it('forw broadcasts the running capsule and waits', () => {
    const { host, once, cycles } = afterSteps(['forw'], 1);
    expect(host.forwards).toEqual([{ context: 'once', capsuleType: 7 }]);
    expect(once.state).toBe('waiting');
    expect(once.pc).toBe(1);
    expect(cycles).toBe(20_000);
  });

  it('forwo broadcasts the capsule whose type number it pops', () => {
    const { host, once, cycles } = afterSteps(['pushc 7', 'forwo'], 2);
    expect(host.forwards).toEqual([{ context: 'once', capsuleType: 7 }]);
    expect(once.state).toBe('waiting');
    expect(once.stack).toEqual([]);
    expect(once.pc).toBe(2);
    expect(cycles).toBe(20_000);
  });
});
