// Writes an algorithm run on the tick network (sim/algo/), or on the mote emulator as FullRun
// (sim/algo/full/) records it in the same shapes, as trace records in the simulator's CBOR
// format (sim/network/trace.ts: flat maps with t in ns, e the event, m the mote), one tick a second,
// so that `mote trace` prints it and `mote diagram` draws it. A `run` record comes first; then, in
// the network's order, `send` (msg, its transmission tx, to, due tick, cls), `recv` (msg, from), `step` (a clock firing),
// `inject` and `uart` (words as text), `crash`, and `cut` (a snapshot state record: snap, state).
// Lamport runs carry each event's timestamp as `ts`; a receive's [2, L] serial record is a `stamp`.

import type { MarkedRun, RunMarks } from '../sim/algo/contract.js';
import type { NetMessage, TickNetwork, TraceEvent } from '../sim/algo/tick-network.js';
import type { TraceRecord } from '../sim/network/trace.js';

/** A tick (a round) is a second of simulated time. */
export const TICK_NS = 1_000_000_000;

export interface RunInfo {
  readonly algorithm: string;
  readonly timing: 'sync' | 'async';
  /** Row names by mote index (default: the VM ids). */
  readonly names?: readonly string[];
  /** The diagram's title (default: the algorithm and its time unit). */
  readonly title?: string;
  /** A message's class by its words: the algorithm's own (AlgorithmDefinition.classify); default "message". */
  readonly classify?: (words: readonly number[]) => string;
  /** What else to mark: the algorithm's own (AlgorithmDefinition.marks); default nothing. */
  readonly marks?: (run: MarkedRun) => RunMarks;
}

/** What a run's records are made from: the tick network, or FullRun (no ids: they are the indices). */
export interface RecordedNet {
  readonly n: number;
  readonly trace: readonly TraceEvent[];
  readonly messages: readonly NetMessage[];
  /** Index of each VM id (default: the id is the index). */
  readonly indexOf?: ReadonlyMap<number, number>;
}

export interface Crash {
  readonly mote: number;
  readonly tick: number;
}

/**
 * Notes the tick of every crash from now on. The tick network keeps only who is alive, and its trace
 * holds what the oracles read (they switch over its event kinds), so crashes are watched here.
 */
export function watchCrashes(net: TickNetwork): Crash[] {
  const crashes: Crash[] = [];
  const crash = net.crash.bind(net);
  net.crash = (i: number): void => {
    if (net.alive[i]) crashes.push({ mote: i, tick: net.tick });
    crash(i);
  };
  return crashes;
}

/** The run's records, in the network's order, crashes at the end of their tick. */
export function runRecords(net: RecordedNet, info: RunInfo, crashes: readonly Crash[] = []): TraceRecord[] {
  const ids = Array.from({ length: net.n }, (_, i) => i);
  for (const [id, i] of net.indexOf ?? []) ids[i] = id;
  const ns = (tick: number): number => tick * TICK_NS;
  const records: TraceRecord[] = [{ t: 0, e: 'run', algorithm: info.algorithm, timing: info.timing, motes: net.n, tick: TICK_NS, ...(info.title === undefined ? {} : { title: info.title }) }];
  for (let i = 0; i < net.n; i++) records.push({ t: 0, e: 'name', m: i, name: info.names?.[i] ?? String(ids[i]) });

  const marks = info.marks?.(net) ?? {};
  const pending = [...crashes].sort((a, b) => a.tick - b.tick);
  const flush = (before: number): void => {
    while (pending.length > 0 && pending[0].tick < before) {
      const c = pending.shift()!;
      records.push({ t: ns(c.tick), e: 'crash', m: c.mote });
    }
  };
  for (const e of net.trace) {
    flush(e.tick);
    const t = ns(e.tick);
    if (e.kind === 'send') {
      const msg = net.messages[e.msg];
      const ts = marks.sendTs?.get(msg.id);
      records.push({ t, e: 'send', m: e.mote, msg: msg.id, tx: msg.transmission, to: msg.dst, due: ns(msg.readyTick), cls: info.classify?.(msg.words) ?? 'message', ...(ts === undefined ? {} : { ts }) });
    } else if (e.kind === 'recv') {
      const ts = marks.recvTs?.get(e.msg);
      records.push({ t, e: 'recv', m: e.mote, msg: e.msg, from: net.messages[e.msg].src, ...(ts === undefined ? {} : { ts }) });
    } else if (e.kind === 'clock') {
      records.push({ t, e: 'step', m: e.mote });
    } else if (e.kind === 'inject') {
      records.push({ t, e: 'inject', m: e.mote, words: e.words.join(' ') });
    } else {
      const mark = marks.serial?.(e.mote, e.words) ?? {};
      if (mark.stamp === true) {
        // A receive's own timestamp record: part of that receive, not an event of its own.
        records.push({ t, e: 'stamp', m: e.mote, words: e.words.join(' ') });
        continue;
      }
      records.push({ t, e: 'uart', m: e.mote, words: e.words.join(' '), ...(mark.ts === undefined ? {} : { ts: mark.ts }) });
      if (mark.cut !== undefined) records.push({ t, e: 'cut', m: e.mote, snap: mark.cut.snap, state: mark.cut.state });
    }
  }
  flush(Infinity);
  return records;
}
