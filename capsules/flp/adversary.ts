// The adversary of the FLP proof (seed, backup slides "Starting from a bivalent config., there is
// always another bivalent config. that is reachable"; FLP Lemma 3 and Theorem 1): a fair schedule that
// keeps the configuration bivalent for as many steps as asked. The motes take turns, and on its turn
// a mote gets its oldest message (or its start), the event e. If delivering e now keeps the
// configuration bivalent, it is delivered. Otherwise e is critical and the adversary holds it back:
// it searches, breadth-first and without e, for a bivalent configuration C' from which e still leads
// to a bivalent one (the lemma says one exists), walks there, and only then delivers e. No mote
// crashes: the run the theorem builds is failure-free, and still never decides.

import {
  applyEvent, configurationKey, enabledEvents, type Configuration, type FlpEvent, type Message,
} from './configuration.js';
import { nodeOf, valencyName, type ConfigurationGraph } from './explore.js';

export interface ScheduleStep {
  readonly event: 'start' | 'deliver';
  /** The mote taking the step. */
  readonly mote: number;
  /** The sender and content of a delivered message. */
  readonly from?: number;
  readonly message?: { readonly step: number; readonly value: number };
  /** Valency after the step. */
  readonly valency: string;
  /** This step starts a detour around the critical event below, which would have made the configuration that valency. */
  readonly holdsBack?: { readonly event: 'start' | 'deliver'; readonly mote: number; readonly from?: number; readonly message?: { readonly step: number; readonly value: number }; readonly wouldBe: string };
  /** The step delivers the message held back, after the detour. */
  readonly delayed?: boolean;
  /** Its receiver had left that step meanwhile: the delivery changes nothing (receive.mate ignores it). */
  readonly stale?: boolean;
}

export interface AdversaryRun {
  readonly steps: ScheduleStep[];
  /** How many times a critical event was held back. */
  readonly heldBack: number;
  /** Why the schedule ended before the steps asked for; absent when it did not. */
  readonly stuck?: string;
  /** The configuration reached. */
  readonly last: Configuration;
}

type Plain = Omit<ScheduleStep, 'valency' | 'holdsBack' | 'delayed' | 'stale'>;

function describe(e: FlpEvent): Plain {
  if (e.kind === 'deliver') return { event: 'deliver', mote: e.message.dst, from: e.message.src, message: { step: e.message.step, value: e.message.value } };
  return { event: 'start', mote: e.mote };
}

/** The event mote p is owed: its start, or its oldest message. */
function owed(graph: ConfigurationGraph, c: Configuration, p: number): FlpEvent | undefined {
  if (p === c.crashed) return undefined;
  if (!graph.machine.view(c.local[p]).started) return { kind: 'start', mote: p };
  let oldest: Message | undefined;
  for (const m of c.messages) if (m.dst === p && (oldest === undefined || m.id < oldest.id)) oldest = m;
  return oldest === undefined ? undefined : { kind: 'deliver', message: oldest };
}

function isPending(c: Configuration, e: FlpEvent, started: (mote: number) => boolean): boolean {
  if (e.kind === 'deliver') return c.messages.some((m) => m.id === e.message.id);
  return e.kind === 'start' && !started(e.mote);
}

function sameEvent(a: FlpEvent, b: FlpEvent): boolean {
  if (a.kind === 'deliver' && b.kind === 'deliver') return a.message.id === b.message.id;
  return a.kind === b.kind && a.kind !== 'deliver' && b.kind !== 'deliver' && a.mote === b.mote;
}

export function bivalentSchedule(graph: ConfigurationGraph, start: Configuration, steps: number): AdversaryRun {
  const machine = graph.machine;
  const valencyOf = (c: Configuration): number => {
    const node = nodeOf(graph, c);
    return node === undefined ? 0 : graph.valency[node];
  };
  const out: ScheduleStep[] = [];
  let c = start;
  let heldBack = 0;
  let turn = 0;
  let idleTurns = 0;
  const take = (e: FlpEvent, extra: Partial<ScheduleStep>): void => {
    const started = (mote: number): boolean => machine.view(c.local[mote]).started;
    const pending = isPending(c, e, started);
    const after = pending ? applyEvent(machine, c, e) : c;
    if (after === null) throw new Error('a step of the schedule broke the skew bound');
    c = after;
    out.push({ ...describe(e), valency: valencyName(valencyOf(c)), ...extra, ...(pending ? {} : { stale: true }) });
  };
  while (out.length < steps) {
    if (valencyOf(c) !== 3) return { steps: out, heldBack, stuck: `the configuration is ${valencyName(valencyOf(c))}`, last: c };
    const p = turn++ % graph.motes;
    const e = owed(graph, c, p);
    if (e === undefined) {
      if (++idleTurns > graph.motes) return { steps: out, heldBack, stuck: 'no mote has anything to receive', last: c };
      continue;
    }
    idleTurns = 0;
    const now = applyEvent(machine, c, e);
    const wouldBe = now === null ? 0 : valencyOf(now);
    if (wouldBe === 3) {
      take(e, {});
      continue;
    }
    const path = detour(graph, c, e);
    if (path === null) return { steps: out, heldBack, stuck: `no bivalent detour around the critical event to mote ${p}`, last: c };
    heldBack++;
    const held = { ...describe(e), wouldBe: now === null ? 'beyond the skew bound' : valencyName(wouldBe) };
    path.forEach((step, k) => {
      if (out.length < steps) take(step, k === 0 ? { holdsBack: held } : {});
    });
    if (out.length < steps) take(e, { delayed: true });
  }
  return { steps: out, heldBack, last: c };
}

/**
 * The shortest schedule from c, without e and through bivalent configurations only, to a C' such
 * that e applied to C' is bivalent (if e went stale on the way, C' itself counts: e changes nothing).
 */
function detour(graph: ConfigurationGraph, c: Configuration, e: FlpEvent): FlpEvent[] | null {
  const machine = graph.machine;
  const states: { config: Configuration; parent: number; via: FlpEvent | null }[] = [{ config: c, parent: -1, via: null }];
  // Keys in mote order, with e's fate: a renamed configuration is not the same search state, as e is one mote's.
  const searchKey = (x: Configuration): string => {
    const started = (mote: number): boolean => machine.view(x.local[mote]).started;
    return `${configurationKey(machine, x, graph.collapse, false)}#${isPending(x, e, started)}`;
  };
  const seen = new Set([searchKey(c)]);
  for (let head = 0; head < states.length; head++) {
    const here = states[head].config;
    if (head > 0) {
      const started = (mote: number): boolean => machine.view(here.local[mote]).started;
      const after = isPending(here, e, started) ? applyEvent(machine, here, e) : here;
      const node = after === null ? undefined : nodeOf(graph, after);
      if (node !== undefined && graph.valency[node] === 3) {
        const path: FlpEvent[] = [];
        for (let k = head; states[k].via !== null; k = states[k].parent) path.push(states[k].via as FlpEvent);
        return path.reverse();
      }
    }
    for (const ev of enabledEvents(machine, here, false)) {
      if (ev.kind === 'crash' || sameEvent(ev, e)) continue;
      const next = applyEvent(machine, here, ev);
      if (next === null) continue;
      const key = searchKey(next);
      if (seen.has(key)) continue;
      seen.add(key);
      const node = nodeOf(graph, next);
      if (node === undefined || graph.valency[node] !== 3) continue;
      states.push({ config: next, parent: head, via: ev });
    }
  }
  return null;
}
