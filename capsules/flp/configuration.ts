// Configurations and events as the FLP proof defines them (Fischer, Lynch, Paterson 1985; seed,
// backup slides "Configuration = global state"): every mote's state plus the messages in flight, and
// an event is one mote taking one step: starting (the null event), receiving one message, or (at most
// once) crashing. The canonical key keeps only what can change the future (see `configurationKey`).

import type { MoteMachine, Transition } from './mote-machine.js';
import { SKEW } from './protocol.js';

export interface Message {
  /** Send order over the whole run: the adversary delivers the oldest first. */
  readonly id: number;
  readonly src: number;
  readonly dst: number;
  readonly step: number;
  readonly value: number;
}

export interface Configuration {
  readonly inputs: readonly number[];
  /** Each mote's local state (MoteMachine ids). */
  readonly local: readonly number[];
  /** Each mote's step. */
  readonly step: readonly number[];
  /** The crashed mote, or -1. */
  readonly crashed: number;
  /** In flight, in send order; none to a crashed mote, none stale. */
  readonly messages: readonly Message[];
  readonly nextId: number;
}

export type FlpEvent =
  | { readonly kind: 'start'; readonly mote: number }
  | { readonly kind: 'deliver'; readonly message: Message }
  | { readonly kind: 'crash'; readonly mote: number };

export function initialConfiguration(machine: MoteMachine, inputs: readonly number[]): Configuration {
  return {
    inputs,
    local: inputs.map((x) => machine.initial(x)),
    step: inputs.map(() => 0),
    crashed: -1,
    messages: [],
    nextId: 0,
  };
}

/** Every event that can happen; `distinct` keeps one delivery per (receiver, step, value), as equal messages lead to equal futures. */
export function enabledEvents(machine: MoteMachine, c: Configuration, distinct: boolean): FlpEvent[] {
  const events: FlpEvent[] = [];
  const n = c.local.length;
  for (let i = 0; i < n; i++) if (i !== c.crashed && !machine.view(c.local[i]).started) events.push({ kind: 'start', mote: i });
  const seen = new Set<number>();
  for (const m of c.messages) {
    const code = (m.step * 4 + m.value) * 8 + m.dst;
    if (distinct && seen.has(code)) continue;
    seen.add(code);
    events.push({ kind: 'deliver', message: m });
  }
  // At most one crash: the theorem needs no more.
  if (c.crashed < 0) for (let i = 0; i < n; i++) events.push({ kind: 'crash', mote: i });
  return events;
}

/** The configuration after the event, or null when it would put a live mote more than SKEW steps ahead. */
export function applyEvent(machine: MoteMachine, c: Configuration, e: FlpEvent): Configuration | null {
  // A crash stops the mote, not what it already sent.
  if (e.kind === 'crash') {
    return { ...c, crashed: e.mote, messages: c.messages.filter((m) => m.dst !== e.mote) };
  }
  const mote = e.kind === 'start' ? e.mote : e.message.dst;
  const from = c.step[mote];
  let t: Transition;
  let messages = c.messages;
  if (e.kind === 'start') t = machine.start(c.local[mote]);
  else {
    const id = e.message.id;
    messages = messages.filter((m) => m.id !== id);
    t = machine.deliver(c.local[mote], e.message.step - from, e.message.value);
  }
  const local = c.local.slice();
  const step = c.step.slice();
  local[mote] = t.next;
  step[mote] = from + t.advanced;
  if (!withinSkew(step, c.crashed)) return null;
  let nextId = c.nextId;
  const sent: Message[] = [];
  for (const s of t.sent) {
    for (let j = 0; j < local.length; j++) {
      // Sent to a crashed mote, or for a step its receiver has left: it will never matter.
      if (j !== mote && j !== c.crashed && from + s.step >= step[j]) sent.push({ id: nextId++, src: mote, dst: j, step: from + s.step, value: s.value });
    }
  }
  // A message for a step its receiver has left is ignored by the capsules (receive.mate): drop it.
  if (t.advanced > 0) messages = messages.filter((m) => m.dst !== mote || m.step >= step[mote]);
  return { inputs: c.inputs, local, step, crashed: c.crashed, messages: [...messages, ...sent], nextId };
}

function withinSkew(step: readonly number[], crashed: number): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < step.length; i++) {
    if (i === crashed) continue;
    lo = Math.min(lo, step[i]);
    hi = Math.max(hi, step[i]);
  }
  return hi - lo <= SKEW;
}

/** The decision values present: bit v set when some mote (crashed or not) has decided v. */
export function decisionsOf(machine: MoteMachine, c: Configuration): number {
  let bits = 0;
  for (const local of c.local) {
    const d = machine.view(local).decision;
    if (d >= 0) bits |= 1 << d;
  }
  return bits;
}

/**
 * The canonical key. Steps count from the smallest live one rounded down to even (the capsules only
 * compare steps, add one and tell report steps from proposal steps by parity). Who sent a message
 * does not matter to its receiver, and the capsules never read `id`, so the motes are
 * interchangeable: the key is the sorted list of (local state, step, messages waiting for it), which
 * identifies a configuration up to renaming the motes, and renaming changes no valency. A crashed
 * mote keeps only its decision. With `collapse`, every configuration in which some mote has decided
 * v is one node "decided v": from there on the valency is {v} (agreement is checked on the full
 * graph, without collapse, in the tests). `renamable` false keeps the motes in order, for searches
 * that follow one particular mote's message. Each number is one UTF-16 unit: short keys hash fast.
 */
export function configurationKey(machine: MoteMachine, c: Configuration, collapse: boolean, renamable = true): string {
  if (collapse) {
    const d = decisionsOf(machine, c);
    if (d !== 0) return `decided ${d === 1 ? 0 : d === 2 ? 1 : 'both'}`;
  }
  const n = c.local.length;
  let base = Infinity;
  for (let i = 0; i < n; i++) if (i !== c.crashed) base = Math.min(base, c.step[i]);
  base -= base & 1;
  const motes: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i === c.crashed) {
      motes.push(`x${machine.view(c.local[i]).decision}`);
      continue;
    }
    if (c.local[i] >= KEY_UNIT) throw new RangeError(`more than ${KEY_UNIT} mote states`);
    const inbox: number[] = [];
    for (const m of c.messages) if (m.dst === i) inbox.push(KEY_UNIT + (m.step - base) * 4 + m.value);
    inbox.sort((a, b) => a - b);
    motes.push(String.fromCharCode(c.local[i], c.step[i] - base, ...inbox));
  }
  return (renamable ? motes.sort() : motes).join(SEPARATOR);
}

/** Message codes start above every mote state id and step offset; the separator is above them all. */
const KEY_UNIT = 0x4000;
const SEPARATOR = '\uffff';
