// SPEC 3 and SPEC 4 on the emulated mote: every hardware event reaches its handler through the
// interrupt and post path (9 + 71 + 10 + 51 = 141 cycles), byte copies cost 8 cycles a byte, and a
// received packet reaches the VM's receive context in under 40 us.

import { describe, expect, it } from 'vitest';
import { CYCLE_NS, EVENT_PATH_CYCLES, IDLE_WAKE_NS, IRQ_CYCLES, TASK_PATH_CYCLES } from '../../../sim/network/cpu.js';
import { FRAME_BYTES } from '../../../sim/network/radio.js';
import { HEADER_BYTES } from '../../../sim/radio/airtime.js';
import { clock, handler, mate, network, SECOND } from './helpers.js';

const toggleRed = ['pushc 25', 'putled', 'halt']; // putled 0x19: toggle red

/** Mote 0 sends a 2-byte message to mote 1 on every clock tick; others do nothing. */
const sender = clock('id', 'blez go', 'halt', 'go: pushm', 'clear', 'pushc 1', 'add', 'pushc 1', 'sendr', 'halt');

describe('the TinyOS event path on the mote (SPEC 3)', () => {
  it('adds up to 141 cycles: interrupt 9 + 71, post 10, context switch 51', () => {
    expect(EVENT_PATH_CYCLES).toBe(9 + 71 + 10 + 51);
    expect(EVENT_PATH_CYCLES).toBe(141);
  });

  it('charges exactly 141 host cycles per clock firing and the table cost per instruction', () => {
    const { net } = network({ topology: 'line:1', capsules: [clock(...toggleRed)] });
    net.runUntil(3.5 * SECOND);
    const view = net.moteView(0);
    expect(view.hostCycles).toBe(3 * 141);
    expect(view.vmCycles).toBe(3 * (mate('pushc') + mate('putled') + mate('halt')));
  });

  it('starts the clock handler 1 us (idle wake-up) + 35.25 us after the timer fires', () => {
    const { net, of } = network({ topology: 'line:1', capsules: [clock(...toggleRed)] });
    net.runUntil(1.5 * SECOND);
    const [led] = of('led', 0);
    const handlerStart = led.t - (mate('pushc') + mate('putled')) * CYCLE_NS;
    expect(handlerStart - SECOND).toBe(IDLE_WAKE_NS + 141 * CYCLE_NS);
    expect(141 * CYCLE_NS).toBe(35_250);
  });
});

describe('tasks posted by tasks, and interrupts that post nothing (SPEC 3)', () => {
  const spin = handler('once', 'top: pushc 0', 'blez top');

  it('charge the lean VM`s continuations a post and a switch (61), and Maté`s none (its costs hold a task per instruction)', () => {
    for (const profile of ['lean', 'mate'] as const) {
      const { net } = network({ topology: 'line:1', profile, capsules: [spin] });
      net.runUntil(3 * SECOND);
      const { clockTasks, vmContinuations } = net.stats;
      expect(vmContinuations).toBeGreaterThan(100);
      const perContinuation = profile === 'lean' ? TASK_PATH_CYCLES : 0;
      expect(net.moteView(0).hostCycles).toBe(clockTasks * EVENT_PATH_CYCLES + vmContinuations * perContinuation);
    }
    expect(TASK_PATH_CYCLES).toBe(10 + 51);
  });

  it('charge a timer firing that finds its task still waiting the interrupt alone (80), and the meter still adds up', () => {
    // Radio off: the CPU sleeps in suspend, so each clock task waits out a 4 ms wake-up while the
    // 1/1024 s clock keeps firing.
    const fast = handler('once', 'pushc 1', 'clockc', 'halt');
    const { net } = network({ topology: 'line:1', radioIdle: 'off', capsules: [clock('halt'), fast] });
    net.runUntil(2 * SECOND);
    const { clockTasks, clockOverruns } = net.stats;
    expect(clockOverruns).toBeGreaterThan(100);
    expect(net.moteView(0).hostCycles).toBe(clockTasks * EVENT_PATH_CYCLES + clockOverruns * IRQ_CYCLES);
    expect(IRQ_CYCLES).toBe(9 + 71);
    const energy = net.energy(0);
    const parts = Object.values(energy.byComponent).reduce((a, b) => a + b, 0);
    expect(parts).toBeCloseTo(energy.joules, 12);
  });
});

describe('byte copies (SPEC 3: 8 cycles a byte)', () => {
  it('cost the sender 8 per byte into the queue and 8 per frame byte on the air, the receiver 8 per frame byte', () => {
    const { net } = network({ capsules: [sender] });
    net.runUntil(1.5 * SECOND);
    const enqueue = 8 * (HEADER_BYTES + 2);
    const frame = 8 * FRAME_BYTES;
    // Sender: clock path, queue copy, frame out, sendDone path. Receiver: frame in, receive path.
    expect(net.moteView(0).hostCycles).toBe(141 + enqueue + frame + 141);
    expect(net.moteView(1).hostCycles).toBe(141 + frame + 141);
  });
});

describe('an event through the stack (SPEC 4: under 40 us)', () => {
  it('reaches the receive context 36.25 us after the last bit: idle wake-up 1 us + 141 cycles', () => {
    const { net, of } = network({ capsules: [sender, handler('receive', ...toggleRed)] });
    net.runUntil(1.5 * SECOND);
    const [rx] = of('rx', 1);
    const [led] = of('led', 1);
    const handlerStart = led.t - (mate('pushc') + mate('putled')) * CYCLE_NS;
    const latency = handlerStart - rx.t;
    expect(latency).toBe(1_000 + 35_250);
    expect(latency).toBeLessThan(40_000);
  });
});

describe('the scheduler under a CPU-bound VM', () => {
  it('still runs each clock handler within two instructions of the timer', () => {
    const spin = handler('once', 'loop: jump loop');
    const { net, of } = network({ topology: 'line:1', capsules: [spin, clock(...toggleRed)] });
    net.runUntil(5.5 * SECOND);
    const leds = of('led', 0);
    expect(leds).toHaveLength(5);
    for (const [i, led] of leds.entries()) {
      const lateness = led.t - (i + 1) * SECOND - (mate('pushc') + mate('putled')) * CYCLE_NS;
      // No wake-up (the CPU never sleeps): the event path, the loop's jump that Maté's round robin
      // runs between the handler's two instructions, and at most the jump that was running.
      expect(lateness).toBeGreaterThanOrEqual((141 + mate('jump')) * CYCLE_NS);
      expect(lateness).toBeLessThanOrEqual((141 + 2 * mate('jump')) * CYCLE_NS);
    }
  });
});
