// TinyOS primitives as the emulated mote charges them (SPEC 3, SPEC 4), read off running motes: the
// host cycle counter (MoteView.hostCycles: event paths and byte copies), the network's counts of
// what it charged for, and the times of trace records.
//
// Three paths can be observed apart: a hardware event reaching its task (interrupt, post, switch:
// the event path), a task posted by a task (post and switch: the lean VM's continuations), and an
// interrupt alone (a timer firing while its task still waits). The interrupt's hardware/software
// split and the post/switch split never show apart from outside; those parts are the emulator's
// own constants (sim/network/cpu.ts), reported as such and checked against the measured sums.

import { CONTEXT_SWITCH_CYCLES, CYCLE_NS, IRQ_HW_CYCLES, IRQ_SW_CYCLES, POST_CYCLES } from '../../sim/network/cpu.js';
import type { CostProfile } from '../../vm/opcodes.js';
import type { Network } from '../../sim/network/network.js';
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

/** Host cycles and counts of the mote's charged paths over a stretch of a run. */
interface Stretch {
  readonly hostCycles: number;
  readonly clockTasks: number;
  readonly overruns: number;
  readonly continuations: number;
}

function stretch(net: Network, seconds: number): Stretch {
  const read = (): Stretch => ({
    hostCycles: net.moteView(0).hostCycles,
    clockTasks: net.stats.clockTasks,
    overruns: net.stats.clockOverruns,
    continuations: net.stats.vmContinuations,
  });
  const before = read();
  net.runUntil(net.now + seconds * SECOND_NS);
  const after = read();
  return {
    hostCycles: after.hostCycles - before.hostCycles,
    clockTasks: after.clockTasks - before.clockTasks,
    overruns: after.overruns - before.overruns,
    continuations: after.continuations - before.continuations,
  };
}

/**
 * A task posted by a task (post + context switch): a once capsule spins on one mote with lean costs,
 * whose VM posts itself a continuation after every slice. The stretch's host cycles, less its clock
 * firings at the measured event path, per continuation.
 */
export function taskPathCycles(seed: number, seconds: number, eventPathCycles: number): number {
  const { net } = benchNet({ topology: 'line:1', profile: 'lean', seed });
  net.inject(0, capsuleOf('once', ['top: pushc 0', 'blez top'], 'spin'), 0);
  net.runUntil(SECOND_NS);
  const s = stretch(net, seconds);
  if (s.continuations === 0) throw new Error('bench task path: the spinning VM posted no continuation');
  return (s.hostCycles - s.clockTasks * eventPathCycles) / s.continuations;
}

/**
 * An interrupt alone: a clock every binary millisecond on a mote whose radio is off, so its CPU sleeps
 * in suspend and each clock task first waits out the 4 ms wake-up (SPEC 2); the firings meanwhile find
 * the task still waiting (overruns) and cost their interrupt and nothing more. The stretch's host
 * cycles, less its clock tasks at the measured event path, per overrun.
 */
export function interruptCycles(seed: number, seconds: number, eventPathCycles: number): number {
  const { net } = benchNet({ topology: 'line:1', radioIdle: 'off', seed });
  net.inject(0, capsuleOf('clock', ['halt'], 'tick'), 0);
  net.inject(0, capsuleOf('once', ['pushc 1', 'clockc', 'halt'], 'fast_clock'), 0);
  net.runUntil(SECOND_NS);
  const s = stretch(net, seconds);
  if (s.overruns === 0) throw new Error('bench interrupt: no clock firing found its task waiting');
  return (s.hostCycles - s.clockTasks * eventPathCycles) / s.overruns;
}

/** The parts of the paths, as the emulator defines them (not observable apart; see the top). */
export const PATH_PARTS = {
  post: POST_CYCLES,
  contextSwitch: CONTEXT_SWITCH_CYCLES,
  interruptHardware: IRQ_HW_CYCLES,
  interruptSoftware: IRQ_SW_CYCLES,
} as const;
