// Event kinds of the simulator's queue (sim/core/event-queue.ts) and their priorities. The target is a
// mote index; the argument is a generation (stale events are dropped when it no longer matches) or a
// packet slot. Among equal times, control events (faults, injections) go first, then hardware
// interrupts and tasks, then VM continuations, so a CPU-bound VM never starves a posted task.

export const K_BOOT = 1;
export const K_CLOCK = 2;
export const K_CLOCK_TASK = 3;
export const K_SENSE_DONE = 4;
export const K_VM_RUN = 5;
export const K_RADIO_READY = 6;
export const K_BACKOFF = 7;
export const K_TX_END = 8;
export const K_DELIVER = 9;
export const K_SEND_DONE = 10;
export const K_PROTOCOL_TIMER = 11;
export const K_DEATH = 12;
export const K_SWEEP = 13;
export const K_FAULT = 14;
export const K_INJECT = 15;
export const K_RECEIVE_NEXT = 16;
export const K_ACK_END = 17;

export const PRIO_CONTROL = 0;
export const PRIO_TASK = 1;
export const PRIO_VM = 2;

/** Events that carry (generation x 8 + small value) pack and unpack with these. */
export const pack = (generation: number, value: number): number => generation * 8 + value;
export const generationOf = (arg: number): number => Math.floor(arg / 8);
export const valueOf = (arg: number): number => arg % 8;
