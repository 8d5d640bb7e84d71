// TinyOS primitives as the emulated mote charges them (SPEC 3, SPEC 4), read off running motes: the
// host cycle counter (MoteView.hostCycles: event paths and byte copies) and the times of trace records.
//
// The emulator charges an interrupt (hardware 9 + software 71), the post of its handler task (10) and
// the switch into it (51) together, as one event path per hardware event (sim/mote/scheduler.ts), so
// only their sum can be observed from outside; the parts are the emulator's own constants
// (sim/mote/cpu.ts), reported as such and checked against the measured sum.

import { CONTEXT_SWITCH_CYCLES, CYCLE_NS, IRQ_HW_CYCLES, IRQ_SW_CYCLES, POST_CYCLES } from '../../sim/mote/cpu.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { benchNet, capsuleOf, SECOND_NS } from './mote-net.js';

export interface EventPath {
  /** Host cycles the mote charged per clock firing: one event through the stack. */
  readonly cycles: number;
  /** From the timer firing to the handler's first instruction, ns: the CPU's wake-up, then the path. */
  readonly latencyNs: number;
}

/**
 * A clock capsule that only toggles the red LED, on one mote, for `firings` seconds. The handler's
 * first instruction starts `cyclesBeforeLed` before the LED changes (pushc and putled: the caller
 * measures them on the VM).
 */
export function eventPath(profile: CostProfile, seed: number, firings: number, cyclesBeforeLed: number): EventPath {
  const { net, of } = benchNet({ topology: 'line:1', profile, seed });
  net.inject(0, capsuleOf('clock', ['pushc 25', 'putled', 'halt'], 'toggle'), 0);
  net.runUntil((firings + 0.5) * SECOND_NS);
  const leds = of('led', 0);
  if (leds.length !== firings) throw new Error(`bench event path: ${leds.length} LED changes in ${firings} firings`);
  const latencies = leds.map((r, k) => r.t - (k + 1) * SECOND_NS - cyclesBeforeLed * CYCLE_NS);
  return { cycles: net.moteView(0).hostCycles / firings, latencyNs: Math.max(...latencies) };
}

/** Bytes the byte-copy run's messages differ by. */
const EXTRA_BYTES = 8;

/** A clock capsule on mote 0 that sends one message of `words` 16-bit words to mote 1. */
function sender(words: number): string[] {
  return ['pushm', 'clear', ...Array.from({ length: words }, () => ['pushc 1', 'add']).flat(), 'pushc 1', 'sendr', 'halt'];
}

/** Host cycles mote 0 spends on one clock firing that sends a message of `words` 16-bit words to mote 1. */
export function sendHostCycles(profile: CostProfile, seed: number, words: number): number {
  const { net } = benchNet({ topology: 'line:2', profile, seed });
  net.inject(0, capsuleOf('clock', sender(words), `send${words}`), 0);
  net.runUntil(1.5 * SECOND_NS);
  return net.moteView(0).hostCycles;
}

/**
 * Cycles per byte copied: two runs whose only difference is a message `EXTRA_BYTES` longer, which the
 * mote copies into its send queue (the frame on the air is the full TOS_Msg either way, SPEC 5).
 */
export function byteCopyCycles(profile: CostProfile, seed: number): number {
  return (sendHostCycles(profile, seed, 1 + EXTRA_BYTES / 2) - sendHostCycles(profile, seed, 1)) / EXTRA_BYTES;
}

/** The parts of the event path, as the emulator defines them (not observable apart; see the top). */
export const PATH_PARTS = {
  post: POST_CYCLES,
  contextSwitch: CONTEXT_SWITCH_CYCLES,
  interruptHardware: IRQ_HW_CYCLES,
  interruptSoftware: IRQ_SW_CYCLES,
} as const;
