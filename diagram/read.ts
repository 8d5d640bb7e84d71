// Turns a trace into a diagram's run (run.ts). Two formats, both CBOR trace records
// (sim/network/trace.ts): an algorithm run's (record.ts; it starts with a `run` record), in ticks,
// and a `mote sim --trace` file, in seconds. In the simulator's trace a radio transmission `tx` is
// heard by every receiver whose `rx` (or `lost`, `collision`, `missed`) names it as `from` before
// its next transmission; crashes and battery deaths end a mote's line; serial output and traps are
// local events.

import type { TraceRecord } from '../sim/network/trace.js';
import type { DiagramCut, DiagramEvent, DiagramMessage, DiagramRun } from './run.js';

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const num = (r: TraceRecord, key: string): number => {
  const v = r[key];
  return typeof v === 'number' ? v : Number.NaN;
};

/** The run a trace shows; an error names the file and the record that does not fit. */
export function diagramFromRecords(records: readonly TraceRecord[], file: string): Parsed<DiagramRun> {
  if (records.length === 0) return { ok: false, error: `${file}: the trace is empty` };
  return records[0].e === 'run' ? fromAlgorithm(records, file) : fromSimulator(records, file);
}

function fromAlgorithm(records: readonly TraceRecord[], file: string): Parsed<DiagramRun> {
  const head = records[0];
  const n = num(head, 'motes');
  const tickNs = num(head, 'tick');
  if (!(Number.isInteger(n) && n > 0 && tickNs > 0)) return { ok: false, error: `${file}: record 0 is not a run header (motes, tick)` };
  const names = Array.from({ length: n }, (_, i) => String(i));
  const events: DiagramEvent[] = [];
  const messages: DiagramMessage[] = [];
  const crashes: { mote: number; t: number }[] = [];
  const cuts = new Map<number, number[]>();
  const sent = new Map<number, { event: number; to: number; due: number; cls: string }>();
  const received = new Map<number, number>();
  const transmissions = new Map<number, number>();
  const last = new Array<number>(n).fill(-1);
  let end = 0;
  for (let k = 1; k < records.length; k++) {
    const r = records[k];
    const m = r.m;
    if (m === undefined || !Number.isInteger(m) || m < 0 || m >= n) return { ok: false, error: `${file}: record ${k} (${r.e}) names no mote of the run` };
    const t = r.t / tickNs;
    end = Math.max(end, t);
    const ts = r.ts === undefined ? undefined : String(r.ts);
    const push = (kind: DiagramEvent['kind']): number => {
      events.push({ mote: m, t, kind, ...(ts === undefined ? {} : { label: ts }) });
      last[m] = events.length - 1;
      return events.length - 1;
    };
    if (r.e === 'name') names[m] = String(r.name);
    else if (r.e === 'send') {
      // A radio broadcast is one transmission, one send event, whatever the copies it makes.
      const tx = r.tx === undefined ? -1 - k : num(r, 'tx');
      const event = transmissions.get(tx) ?? push('send');
      transmissions.set(tx, event);
      sent.set(num(r, 'msg'), { event, to: num(r, 'to'), due: num(r, 'due') / tickNs, cls: String(r.cls ?? 'message') });
    }
    else if (r.e === 'recv') received.set(num(r, 'msg'), push('recv'));
    else if (r.e === 'inject' || r.e === 'uart') push('local');
    else if (r.e === 'crash') crashes.push({ mote: m, t });
    else if (r.e === 'cut') {
      const snap = num(r, 'snap');
      const at = cuts.get(snap) ?? new Array<number>(n).fill(-1);
      at[m] = last[m];
      cuts.set(snap, at);
    }
  }
  for (const [msg, s] of sent) messages.push({ send: s.event, recv: received.get(msg) ?? -1, to: s.to, due: s.due, cls: s.cls });
  const diagramCuts: DiagramCut[] = [...cuts].sort((a, b) => a[0] - b[0]).map(([snap, at]) => ({ label: `S${snap}`, events: at }));
  const timing = head.timing === 'sync' ? 'sync' : 'async';
  const title = head.title === undefined ? `${String(head.algorithm)} (${timing === 'sync' ? 'rounds' : 'ticks'})` : String(head.title);
  return { ok: true, value: { title, names, timing, end, events, messages, crashes, cuts: diagramCuts } };
}

const RECEPTIONS = new Set(['rx', 'lost', 'collision', 'missed']);

function fromSimulator(records: readonly TraceRecord[], file: string): Parsed<DiagramRun> {
  let n = 0;
  for (const r of records) if (r.m !== undefined) n = Math.max(n, r.m + 1);
  const events: DiagramEvent[] = [];
  const messages: DiagramMessage[] = [];
  const crashes: { mote: number; t: number }[] = [];
  /** Each mote's transmission on the air: its send event. */
  const lastTx = new Map<number, number>();
  let end = 0;
  for (let k = 0; k < records.length; k++) {
    const r = records[k];
    const m = r.m;
    if (m === undefined) continue;
    if (!Number.isInteger(m) || m < 0) return { ok: false, error: `${file}: record ${k} (${r.e}) has a bad mote ${m}` };
    const t = r.t / 1e9;
    end = Math.max(end, t);
    if (r.e === 'tx') {
      events.push({ mote: m, t, kind: 'send' });
      lastTx.set(m, events.length - 1);
    } else if (RECEPTIONS.has(r.e)) {
      const send = lastTx.get(num(r, 'from'));
      if (send === undefined) continue;
      if (r.e === 'rx') {
        events.push({ mote: m, t, kind: 'recv' });
        messages.push({ send, recv: events.length - 1, to: m, due: t, cls: 'packet' });
      } else messages.push({ send, recv: -1, to: m, due: t, cls: r.e === 'lost' ? 'packet' : r.e });
    } else if (r.e === 'crash' || r.e === 'death') crashes.push({ mote: m, t });
    else if (r.e === 'uart' || r.e === 'trap' || r.e === 'reboot') events.push({ mote: m, t, kind: 'local', label: r.e === 'uart' ? undefined : r.e });
  }
  if (n === 0) return { ok: false, error: `${file}: no record names a mote` };
  const names = Array.from({ length: n }, (_, i) => String(i));
  return { ok: true, value: { title: 'mote sim (seconds)', names, timing: 'continuous', end, events, messages, crashes, cuts: [] } };
}
