// The protocol of capsules/flp/README.md written again in plain TypeScript, from the README's rules
// and not from the capsules, with a brute-force valency: every configuration reachable from every
// initial one (found by its own search, keyed by the observable key), and for each, a fresh
// breadth-first search of everything reachable from it, collecting the decisions seen. No sharing
// between configurations, no backward propagation: the definition, computed the slow way.

import { observableKey, type ObservedMessage } from './helpers.js';

const SKEW = 2;
const BLANK = 2;

interface Mote {
  started: boolean;
  input: number;
  step: number;
  value: number;
  decision: number;
  counts: number[][];
}

interface Config {
  readonly motes: Mote[];
  readonly crashed: number;
  readonly messages: ObservedMessage[];
}

function copy(c: Config): Config {
  return { motes: c.motes.map((m) => ({ ...m, counts: m.counts.map((k) => k.slice()) })), crashed: c.crashed, messages: c.messages.slice() };
}

function broadcast(c: Config, from: number, step: number, value: number): void {
  c.motes.forEach((m, j) => {
    if (j !== from && j !== c.crashed && step >= m.step) c.messages.push({ dst: j, step, value });
  });
}

/** Leave steps while the quorum n - 1 of the current one is counted (the README's rules). */
function advance(c: Config, i: number): void {
  const m = c.motes[i];
  const n = c.motes.length;
  while (m.counts[0][0] + m.counts[0][1] + m.counts[0][BLANK] >= n - 1) {
    const [zeros, ones] = m.counts[0];
    let next: number;
    if (m.step % 2 === 0) next = 2 * zeros > n ? 0 : 2 * ones > n ? 1 : BLANK;
    else {
      next = ones > 0 ? 1 : 0;
      if (m.counts[0][next] >= 2 && m.decision < 0) m.decision = next;
    }
    m.counts = [...m.counts.slice(1), [0, 0, 0]];
    m.step++;
    m.value = next;
    m.counts[0][next]++;
    broadcast(c, i, m.step, next);
  }
  c.messages.splice(0, c.messages.length, ...c.messages.filter((x) => x.dst !== i || x.step >= m.step));
}

function successors(c: Config): Config[] {
  const out: Config[] = [];
  c.motes.forEach((m, i) => {
    if (i === c.crashed || m.started) return;
    const e = copy(c);
    const me = e.motes[i];
    me.started = true;
    me.value = me.input;
    me.input = 0;
    me.counts[0][me.value]++;
    broadcast(e, i, 0, me.value);
    advance(e, i);
    out.push(e);
  });
  c.messages.forEach((msg, k) => {
    const e = copy(c);
    e.messages.splice(k, 1);
    const me = e.motes[msg.dst];
    me.counts[msg.step - me.step][msg.value]++;
    if (me.started) advance(e, msg.dst);
    out.push(e);
  });
  if (c.crashed < 0) {
    c.motes.forEach((_, i) => {
      const e = copy(c);
      out.push({ ...e, crashed: i, messages: e.messages.filter((x) => x.dst !== i) });
    });
  }
  return out.filter((e) => {
    const steps = e.motes.filter((_, i) => i !== e.crashed).map((m) => m.step);
    return Math.max(...steps) - Math.min(...steps) <= SKEW;
  });
}

function keyOf(c: Config, collapse: boolean): string {
  return observableKey(c.motes, c.crashed, c.messages, collapse);
}

export interface ReferenceGraph {
  /** Observable key -> valency bits (1: 0 reachable, 2: 1 reachable). */
  readonly valency: Map<string, number>;
  readonly edges: number;
}

export function referenceValencies(n: number, collapse: boolean): ReferenceGraph {
  const nodes = new Map<string, Config>();
  const succ = new Map<string, string[]>();
  const decided = (c: Config): number => c.motes.reduce((bits, m) => (m.decision >= 0 ? bits | (1 << m.decision) : bits), 0);
  const queue: string[] = [];
  for (let bits = 0; bits < 1 << n; bits++) {
    const motes = Array.from({ length: n }, (_, i): Mote => ({
      started: false, input: (bits >> i) & 1, step: 0, value: 0, decision: -1, counts: [[0, 0, 0], [0, 0, 0], [0, 0, 0]],
    }));
    const c: Config = { motes, crashed: -1, messages: [] };
    const key = keyOf(c, collapse);
    if (!nodes.has(key)) {
      nodes.set(key, c);
      queue.push(key);
    }
  }
  let edges = 0;
  for (let head = 0; head < queue.length; head++) {
    const key = queue[head];
    const c = nodes.get(key) as Config;
    const next = new Set<string>();
    if (!(collapse && decided(c) !== 0)) {
      for (const e of successors(c)) {
        const k = keyOf(e, collapse);
        next.add(k);
        if (!nodes.has(k)) {
          nodes.set(k, e);
          queue.push(k);
        }
      }
    }
    succ.set(key, [...next]);
    edges += next.size;
  }
  const valency = new Map<string, number>();
  for (const start of queue) {
    let bits = 0;
    const seen = new Set([start]);
    const frontier = [start];
    for (let h = 0; h < frontier.length && bits !== 3; h++) {
      bits |= decided(nodes.get(frontier[h]) as Config);
      for (const k of succ.get(frontier[h]) ?? []) {
        if (!seen.has(k)) {
          seen.add(k);
          frontier.push(k);
        }
      }
    }
    valency.set(start, bits);
  }
  return { valency, edges };
}
