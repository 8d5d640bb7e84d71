// The ATmega128's clock, power states and the TinyOS costs charged on the emulated mote: SPEC 1 (4 MHz),
// SPEC 2 (active, idle and suspend currents and wake-up times), SPEC 3 (post, context switch, interrupt,
// byte copy). Every figure is a row of those tables; the simulator derives time and energy from them.

import { powerState } from '../core/power-states.js';

/** 4 MHz (SPEC 1): one cycle is 250 ns. */
export const CYCLE_NS = 250;

/** SPEC 3, "TinyOS: More Performance Numbers". */
export const BYTE_COPY_CYCLES = 8;
export const POST_CYCLES = 10;
export const CONTEXT_SWITCH_CYCLES = 51;
export const IRQ_HW_CYCLES = 9;
export const IRQ_SW_CYCLES = 71;
/** An interrupt, hardware and software (9 + 71): what a timer firing costs when its handler posts nothing. */
export const IRQ_CYCLES = IRQ_HW_CYCLES + IRQ_SW_CYCLES;
/** A task posted by a task: the post (10) and the switch into it (51). */
export const TASK_PATH_CYCLES = POST_CYCLES + CONTEXT_SWITCH_CYCLES;
/**
 * An event through the stack (SPEC 4): the interrupt (9 + 71), posting the handler task (10) and the
 * switch into it (51) = 141 cycles = 35.25 us. Every hardware event (timer, ADC, radio) reaches its
 * handler through this path.
 */
export const EVENT_PATH_CYCLES = IRQ_CYCLES + TASK_PATH_CYCLES;
export const EVENT_PATH_NS = EVENT_PATH_CYCLES * CYCLE_NS;

function row(state: 'active' | 'idle' | 'suspend'): { currentMicroAmps: number; startupNs: number } {
  const r = powerState('cpu', state);
  if (r === undefined) throw new Error(`SPEC 2 has no cpu ${state} row`);
  return r;
}

export const CPU_ACTIVE_UA = row('active').currentMicroAmps;
export const CPU_IDLE_UA = row('idle').currentMicroAmps;
export const CPU_SUSPEND_UA = row('suspend').currentMicroAmps;
/** Wake-up from idle (1 us) and from suspend (4 ms), spent at the active current (SPEC 4 note). */
export const IDLE_WAKE_NS = row('idle').startupNs;
export const SUSPEND_WAKE_NS = row('suspend').startupNs;

/**
 * How the CPU sleeps between tasks. TinyOS sleeps as deep as the hardware allows: while the radio is
 * on, its byte interrupts need the 1 us wake of idle; with the radio off only timers and the ADC can
 * wake it, and suspend's 32 kHz clock keeps the timers running.
 */
export const SLEEP_IDLE = 0;
export const SLEEP_SUSPEND = 1;

export function sleepCurrent(mode: number): number {
  return mode === SLEEP_SUSPEND ? CPU_SUSPEND_UA : CPU_IDLE_UA;
}

export function wakeNs(mode: number): number {
  return mode === SLEEP_SUSPEND ? SUSPEND_WAKE_NS : IDLE_WAKE_NS;
}

/**
 * The longest stretch the VM runs before the simulator looks at the mote's other events: one packet's
 * airtime (7.2 ms). A reception that ends inside a slice began before it (a packet lasts at least this
 * long), so interrupts are never held back by more than one instruction past the slice's known events.
 */
export const VM_SLICE_CYCLES = 28_800;
