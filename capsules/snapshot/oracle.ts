// The oracle of Chandy-Lamport snapshots (SPEC 6; issue 6): reads the network trace and what the
// capsules wrote to their serial ports, and checks, for every snapshot, that it terminated (every
// mote recorded once and wrote one marker record per incoming channel), or else that the channels
// do not connect the initiator to every mote (issue 17: then no marker can reach them, and it says
// so instead of listing what follows from it), that each recorded state is the
// balance the mote's own history gives at that point, that each channel's recorded messages are
// exactly those sent before the sender recorded and received after the receiver recorded, that no
// message crosses the cut backwards (consistency), and that recorded tokens plus recorded in-transit
// tokens equal the tokens in the system (conservation).

import { hops, type Adjacency } from '../../sim/algo/graph.js';
import { verdict, type Verdict } from '../../sim/algo/report.js';
import type { NetMessage, TraceEvent } from '../../sim/algo/tick-network.js';

/** Failures listed per snapshot before the rest are only counted. */
const SHOWN = 8;

/** Message kinds (field 0) and serial records, as in capsules/snapshot/README.md. */
export const TOKEN = 1;
export const MARKER = 2;
export const GIVE = 3;
export const START = 4;
export const REC_STATE = 1;
export const REC_CHANNEL = 2;
/** [3, snapshot, source]: the marker came in over the channel from source; one per incoming channel. */
export const REC_MARKER = 3;

export interface SnapshotTrace {
  readonly names: readonly string[];
  readonly initialTokens: readonly number[];
  /** How many snapshots were started (numbered 0..snapshots-1). */
  readonly snapshots: number;
  /** Each mote's outgoing channels (mote indices). */
  readonly out: Adjacency;
  readonly messages: readonly NetMessage[];
  readonly trace: readonly TraceEvent[];
  /** Mote index of a VM id. */
  readonly indexOf: (id: number) => number;
}

export interface InTransit {
  readonly src: number;
  readonly dst: number;
  readonly k: number;
}

/** What the motes recorded for one snapshot, from their serial records. */
export interface RecordedSnapshot {
  /** Recorded balance per mote (undefined: never recorded). */
  readonly states: (number | undefined)[];
  /** Position of the state record in the mote's local history. */
  readonly at: number[];
  readonly stateRecords: number[];
  /** Per mote, the source of each marker record it wrote, in order. */
  readonly markersFrom: number[][];
  readonly inTransit: InTransit[];
}

/** Collect every snapshot's records from the serial port output in the trace. */
export function recordedSnapshots(input: SnapshotTrace): RecordedSnapshot[] {
  const n = input.names.length;
  const out: RecordedSnapshot[] = Array.from({ length: input.snapshots }, () => ({
    states: new Array<number | undefined>(n).fill(undefined),
    at: new Array<number>(n).fill(-1),
    stateRecords: new Array<number>(n).fill(0),
    markersFrom: Array.from({ length: n }, () => []),
    inTransit: [],
  }));
  const position = new Array<number>(n).fill(0);
  for (const e of input.trace) {
    const pos = position[e.mote]++;
    if (e.kind !== 'uart') continue;
    const [kind, s, a, b] = e.words;
    const snap = out[s];
    if (snap === undefined) continue;
    if (kind === REC_STATE && a !== undefined) {
      snap.stateRecords[e.mote]++;
      snap.states[e.mote] = a;
      snap.at[e.mote] = pos;
    } else if (kind === REC_CHANNEL && a !== undefined && b !== undefined) {
      snap.inTransit.push({ src: input.indexOf(a), dst: e.mote, k: b });
    } else if (kind === REC_MARKER && a !== undefined) {
      snap.markersFrom[e.mote].push(input.indexOf(a));
    }
  }
  return out;
}

interface Positions {
  send: number[];
  recv: number[];
}

/** Where each message's send and receive sit in their motes' local histories (-1: never). */
function positions(input: SnapshotTrace): Positions {
  const send = new Array<number>(input.messages.length).fill(-1);
  const recv = new Array<number>(input.messages.length).fill(-1);
  const position = new Array<number>(input.names.length).fill(0);
  for (const e of input.trace) {
    const pos = position[e.mote]++;
    if (e.kind === 'send') send[e.msg] = pos;
    if (e.kind === 'recv') recv[e.msg] = pos;
  }
  return { send, recv };
}

export function snapshotOracle(input: SnapshotTrace): Verdict {
  const failures: string[] = [];
  const { names, messages } = input;
  const total = input.initialTokens.reduce((a, b) => a + b, 0);
  const pos = positions(input);
  const tokens = messages.filter((m) => m.words[0] === TOKEN && m.dst >= 0);
  const incoming: number[][] = names.map(() => []);
  input.out.forEach((list, src) => list.forEach((dst) => incoming[dst].push(src)));
  const initiators = new Map<number, number>();
  for (const e of input.trace) if (e.kind === 'inject' && e.words[0] === START && !initiators.has(e.words[1])) initiators.set(e.words[1], e.mote);
  recordedSnapshots(input).forEach((snap, s) => {
    let count = 0;
    const fail = (text: string): void => {
      if (++count <= SHOWN) failures.push(`snapshot ${s}: ${text}`);
    };
    // Motes no channel path leads to from the initiator: their failures follow from the gap.
    const from = initiators.get(s);
    const reach = from === undefined ? undefined : hops(input.out, from);
    const cut = names.map((_, i) => reach !== undefined && reach[i] < 0);
    const gap = names.filter((_, i) => cut[i]);
    if (from !== undefined && gap.length > 0) {
      const shown = `${gap.slice(0, 5).join(', ')}${gap.length > 5 ? ', ...' : ''}`;
      fail(`not connected: no path of channels leads from the initiator ${names[from]} to ${gap.length} mote${gap.length === 1 ? '' : 's'} (${shown}), so no marker reaches them`);
    }
    let complete = gap.length === 0;
    names.forEach((name, i) => {
      if (snap.stateRecords[i] === 0) {
        if (!cut[i]) fail(`${name} never recorded its state`);
        complete = false;
      } else if (snap.stateRecords[i] > 1) fail(`${name} recorded its state ${snap.stateRecords[i]} times`);
      const heard = new Map<number, number>();
      for (const src of snap.markersFrom[i]) heard.set(src, (heard.get(src) ?? 0) + 1);
      const missing = incoming[i].filter((src) => !heard.has(src) && !cut[src]).map((src) => names[src]);
      if (missing.length > 0) fail(`${name} never had a marker from ${missing.join(', ')} (not terminated)`);
      for (const [src, times] of heard) {
        if (!incoming[i].includes(src)) fail(`${name} recorded a marker from ${names[src] ?? 'an unknown mote'}, which has no channel to it`);
        else if (times > 1) fail(`${name} recorded the marker from ${names[src]} ${times} times`);
      }
    });
    const more = (): void => {
      if (count > SHOWN) failures.push(`snapshot ${s}: and ${count - SHOWN} more failures`);
    };
    if (!complete) return more();
    // Each recorded state against the balance the mote's own history gives at that point.
    names.forEach((name, i) => {
      let balance = input.initialTokens[i];
      for (const m of tokens) {
        if (m.src === i && pos.send[m.id] < snap.at[i]) balance -= m.words[1];
        if (m.dst === i && pos.recv[m.id] >= 0 && pos.recv[m.id] < snap.at[i]) balance += m.words[1];
      }
      if (snap.states[i] !== balance) fail(`${name} recorded ${snap.states[i]} tokens, its history says ${balance}`);
    });
    // Channels: exactly the messages sent before the sender recorded and received after the receiver did.
    const expected = new Map<string, number[]>();
    const recorded = new Map<string, number[]>();
    const key = (src: number, dst: number): string => `${names[src]} -> ${names[dst]}`;
    for (const m of tokens) {
      const sentBefore = pos.send[m.id] < snap.at[m.src];
      const receivedAfter = pos.recv[m.id] < 0 || pos.recv[m.id] > snap.at[m.dst];
      if (sentBefore && receivedAfter) expected.set(key(m.src, m.dst), [...(expected.get(key(m.src, m.dst)) ?? []), m.words[1]]);
      if (!sentBefore && !receivedAfter) fail(`cut inconsistent: ${key(m.src, m.dst)} token(${m.words[1]}) received before ${names[m.dst]} recorded, sent after ${names[m.src]} recorded`);
    }
    for (const t of snap.inTransit) recorded.set(key(t.src, t.dst), [...(recorded.get(key(t.src, t.dst)) ?? []), t.k]);
    for (const channel of new Set([...expected.keys(), ...recorded.keys()])) {
      const want = (expected.get(channel) ?? []).join(', ');
      const got = (recorded.get(channel) ?? []).join(', ');
      if (want !== got) fail(`channel ${channel} recorded {${got}}, in transit were {${want}}`);
    }
    const states = snap.states.reduce<number>((a, b) => a + (b ?? 0), 0);
    const inFlight = snap.inTransit.reduce((a, t) => a + t.k, 0);
    if (states + inFlight !== total) fail(`${states} tokens recorded + ${inFlight} in transit = ${states + inFlight}, but ${total} exist`);
    more();
  });
  return verdict(failures);
}
