// The oracle of Lamport clocks (SPEC 6; seed, "Lamport Timestamps"). From the trace it rebuilds
// every event with its timestamp: a local event from its serial record [1, L], a send from the
// timestamp the message carries, a receive from the record [2, L] its handler wrote. It checks that
// TS(send) < TS(receive) for every message, that each mote's timestamps strictly increase, and that
// a -> b implies TS(a) < TS(b) over the whole trace: walking the trace (a linear extension of ->),
// H(e) = the largest timestamp of any event before e in ->, and TS(e) must exceed H(e).

import { verdict, type Verdict } from '../../sim/algo/report.js';
import type { NetMessage, TraceEvent } from '../../sim/algo/tick-network.js';

export const REC_LOCAL = 1;
export const REC_RECEIVE = 2;
/** Failures listed one by one before the rest are only counted. */
const SHOWN = 5;

export interface LamportEvent {
  readonly kind: 'local' | 'send' | 'receive';
  readonly mote: number;
  readonly ts: number;
  readonly msg: number;
}

export interface LamportTrace {
  readonly n: number;
  readonly messages: readonly NetMessage[];
  readonly trace: readonly TraceEvent[];
  readonly name?: (mote: number) => string;
}

/** The events with timestamps, in trace order; receives whose handler wrote no record are listed apart. */
export function lamportEvents(input: LamportTrace): { events: LamportEvent[]; unstamped: number[] } {
  const events: LamportEvent[] = [];
  const unstamped: number[] = [];
  const waiting = new Array<number>(input.n).fill(-1);
  const close = (mote: number): void => {
    if (waiting[mote] >= 0) unstamped.push(waiting[mote]);
    waiting[mote] = -1;
  };
  for (const e of input.trace) {
    if (e.kind === 'recv') {
      close(e.mote);
      waiting[e.mote] = e.msg;
    } else if (e.kind === 'clock' || e.kind === 'inject') {
      close(e.mote);
    } else if (e.kind === 'send') {
      const msg = input.messages[e.msg];
      events.push({ kind: 'send', mote: e.mote, ts: msg.words[0] ?? 0, msg: e.msg });
    } else if (e.words[0] === REC_LOCAL) {
      events.push({ kind: 'local', mote: e.mote, ts: e.words[1] ?? 0, msg: -1 });
    } else if (e.words[0] === REC_RECEIVE && waiting[e.mote] >= 0) {
      events.push({ kind: 'receive', mote: e.mote, ts: e.words[1] ?? 0, msg: waiting[e.mote] });
      waiting[e.mote] = -1;
    }
  }
  for (let m = 0; m < input.n; m++) close(m);
  return { events, unstamped };
}

export function lamportOracle(input: LamportTrace): Verdict {
  const name = input.name ?? ((m: number) => `mote ${m}`);
  const { events, unstamped } = lamportEvents(input);
  const groups = new Map<string, string[]>();
  const fail = (property: string, text: string): void => {
    const list = groups.get(property) ?? [];
    list.push(text);
    groups.set(property, list);
  };
  for (const msg of unstamped) fail('receive without a timestamp', `message ${msg} was received with no [2, L] record`);
  const sendTs = new Map<number, number>();
  const sendH = new Map<number, number>();
  const last = new Array<number>(input.n).fill(-Infinity);
  const before = new Array<number>(input.n).fill(-Infinity); // H of the mote's next event
  for (const e of events) {
    let h = before[e.mote];
    if (e.ts <= last[e.mote]) fail('timestamps per mote', `${name(e.mote)}: ${e.kind} at ${e.ts} after an event at ${last[e.mote]}`);
    if (e.kind === 'receive') {
      const ts = sendTs.get(e.msg);
      if (ts !== undefined && ts >= e.ts) {
        const m = input.messages[e.msg];
        fail('TS(send) < TS(receive)', `message ${e.msg} (${name(m.src)} -> ${name(m.dst)}): sent at ${ts}, received at ${e.ts}`);
      }
      h = Math.max(h, ts ?? -Infinity, sendH.get(e.msg) ?? -Infinity);
    }
    if (e.ts <= h) fail('a -> b implies TS(a) < TS(b)', `${name(e.mote)}: ${e.kind} at ${e.ts} has a cause at ${h}`);
    if (e.kind === 'send') {
      sendTs.set(e.msg, e.ts);
      sendH.set(e.msg, h);
    }
    last[e.mote] = Math.max(last[e.mote], e.ts);
    before[e.mote] = Math.max(h, e.ts);
  }
  const failures: string[] = [];
  for (const [property, list] of groups) {
    const more = list.length > SHOWN ? ` (and ${list.length - SHOWN} more)` : '';
    failures.push(`${property}: ${list.slice(0, SHOWN).join('; ')}${more}`);
  }
  return verdict(failures);
}
