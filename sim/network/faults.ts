// Faults, scheduled or random, and the `--fault` spec syntax:
//
//   crash:M@T           mote M stops (power lost: RAM gone) until a reboot
//   reboot:M@T          mote M power-cycles: RAM lost, flash kept (a crashed mote comes back)
//   drain:M@T           mote M's battery is emptied: it dies for good
//   jam:M@T             mote M's radio transmits without pause (a babbling radio) until it reboots
//   link:A-B=P@T        both directions between A and B get reception rate P (0 drops the link)
//   link:A>B=P@T        only A -> B
//   partition:EXPR@T    cut every link between the motes where EXPR holds and the rest; EXPR is
//                       x, y (feet) or id, then <, <=, > or >=, then a number: partition:x<100@60s
//   heal@T              remove partitions and link faults
//
// T is a time: 30s, 500ms, 2m, 1h, or a number of seconds. `--faults random:SEED` draws a schedule
// (randomFaults below) from its own seeded stream.

import { namedStream } from '../core/rng.js';
import type { LinkTable } from '../radio/link-table.js';

export type MoteFaultKind = 'crash' | 'reboot' | 'drain' | 'jam';
export type Axis = 'x' | 'y' | 'id';
export type Comparison = '<' | '<=' | '>' | '>=';

export type Fault =
  | { readonly at: number; readonly kind: MoteFaultKind; readonly mote: number }
  | { readonly at: number; readonly kind: 'link'; readonly a: number; readonly b: number; readonly both: boolean; readonly prr: number }
  | { readonly at: number; readonly kind: 'partition'; readonly axis: Axis; readonly op: Comparison; readonly value: number }
  | { readonly at: number; readonly kind: 'partition'; readonly cut: (a: number, b: number) => boolean; readonly label: string }
  | { readonly at: number; readonly kind: 'heal' };

export type FaultResult = { ok: true; fault: Fault } | { ok: false; error: string };

const TIME = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/;
const UNIT_NS: Record<string, number> = { ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** `30s`, `500ms`, `2m`, `1h`, or plain seconds, in ns; undefined if malformed. */
export function parseTime(text: string): number | undefined {
  const match = TIME.exec(text.trim());
  if (match === null) return undefined;
  const ns = Math.round(Number(match[1]) * UNIT_NS[match[2] ?? 's']);
  // Past 2^53 ns (104 days) the simulator's clock cannot hold the time.
  return Number.isSafeInteger(ns) ? ns : undefined;
}

export function parseFault(text: string, motes: number): FaultResult {
  const fail = (why: string): FaultResult => ({ ok: false, error: `--fault '${text}': ${why}` });
  const atSign = text.lastIndexOf('@');
  if (atSign < 0) return fail('missing @TIME (e.g. crash:3@30s)');
  const at = parseTime(text.slice(atSign + 1));
  if (at === undefined) return fail(`bad time '${text.slice(atSign + 1)}' (30s, 500ms, 2m, 1h)`);
  const body = text.slice(0, atSign);
  const colon = body.indexOf(':');
  const kind = colon < 0 ? body : body.slice(0, colon);
  const arg = colon < 0 ? '' : body.slice(colon + 1);
  const mote = (s: string): number | undefined => (/^\d+$/.test(s) && Number(s) < motes ? Number(s) : undefined);
  if (kind === 'heal') return arg === '' ? { ok: true, fault: { at, kind } } : fail('heal takes no argument');
  if (kind === 'crash' || kind === 'reboot' || kind === 'drain' || kind === 'jam') {
    const m = mote(arg);
    return m === undefined ? fail(`want a mote id from 0 to ${motes - 1}`) : { ok: true, fault: { at, kind, mote: m } };
  }
  if (kind === 'link') {
    const match = /^(\d+)([->])(\d+)=(\d*\.?\d+)$/.exec(arg);
    if (match === null) return fail('want link:A-B=P or link:A>B=P');
    const a = mote(match[1]);
    const b = mote(match[3]);
    const prr = Number(match[4]);
    if (a === undefined || b === undefined || a === b) return fail(`want two different mote ids from 0 to ${motes - 1}`);
    if (!(prr >= 0 && prr <= 1)) return fail('the rate P must be between 0 and 1');
    return { ok: true, fault: { at, kind, a, b, both: match[2] === '-', prr } };
  }
  if (kind === 'partition') {
    const match = /^(x|y|id)(<=|>=|<|>)(-?\d*\.?\d+)$/.exec(arg);
    if (match === null) return fail('want partition:EXPR with EXPR like x<100, y>=50 or id<200');
    return { ok: true, fault: { at, kind, axis: match[1] as Axis, op: match[2] as Comparison, value: Number(match[3]) } };
  }
  return fail('unknown fault; want crash, reboot, drain, jam, link, partition or heal');
}

/** The spec text of a fault (as the trace records it). */
export function formatFault(f: Fault): string {
  const at = `@${f.at / 1e9}s`;
  switch (f.kind) {
    case 'heal':
      return `heal${at}`;
    case 'link':
      return `link:${f.a}${f.both ? '-' : '>'}${f.b}=${f.prr}${at}`;
    case 'partition':
      return 'cut' in f ? `partition:${f.label}${at}` : `partition:${f.axis}${f.op}${f.value}${at}`;
    default:
      return `${f.kind}:${f.mote}${at}`;
  }
}

/** A side of the partition for each mote: 1 where the expression holds. */
export function partitionSides(f: { axis: Axis; op: Comparison; value: number }, x: Float64Array, y: Float64Array): Uint8Array {
  const sides = new Uint8Array(x.length);
  for (let m = 0; m < x.length; m++) {
    const v = f.axis === 'x' ? x[m] : f.axis === 'y' ? y[m] : m;
    const holds = f.op === '<' ? v < f.value : f.op === '<=' ? v <= f.value : f.op === '>' ? v > f.value : v >= f.value;
    sides[m] = holds ? 1 : 0;
  }
  return sides;
}

/**
 * A seeded schedule for `--faults random:SEED`: about one fault per ten motes at uniform times in the
 * run. Six in ten are a crash followed by a reboot up to a tenth of the run later, three in ten degrade
 * a random link to a rate below 0.5, one in ten is a reboot.
 */
export function randomFaults(seed: number, links: LinkTable, durationNs: number): Fault[] {
  const rng = namedStream(seed, 'faults');
  const n = links.n;
  const count = Math.max(1, Math.round(n / 10));
  const faults: Fault[] = [];
  for (let i = 0; i < count; i++) {
    const at = Math.floor(rng.float() * durationNs);
    const mote = rng.int(n);
    const roll = rng.float();
    if (roll < 0.6) {
      faults.push({ at, kind: 'crash', mote });
      faults.push({ at: at + Math.floor(rng.float() * durationNs * 0.1), kind: 'reboot', mote });
    } else if (roll < 0.9) {
      const degree = links.offsets[mote + 1] - links.offsets[mote];
      if (degree === 0) continue;
      const b = links.neighbours[links.offsets[mote] + rng.int(degree)];
      faults.push({ at, kind: 'link', a: mote, b, both: true, prr: Math.round(rng.float() * 50) / 100 });
    } else {
      faults.push({ at, kind: 'reboot', mote });
    }
  }
  return faults.sort((p, q) => p.at - q.at);
}
