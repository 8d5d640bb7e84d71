// What the sensors read: a seeded signal per mote, a deterministic function of (seed, mote, sensor,
// time) so any reading can be recomputed without state, or samples from a trace file. Readings are
// 10-bit ADC values (0..1023).

import { parseDecimal, parseWhole } from '../core/numbers.js';
import { absorb, seedHash } from '../core/rng.js';

export type SensorSignal = (mote: number, sensor: number, tNs: number) => number;

const MINUTE_NS = 60e9;

/**
 * A slow wave around mid-scale: one cycle every one to two minutes with a phase and period per
 * (mote, sensor), so neighbours disagree a little, plus +-8 of noise that changes every millisecond.
 */
export function seededSignal(seed: number): SensorSignal {
  const key = seedHash(seed);
  return (mote, sensor, tNs) => {
    const h = absorb(absorb(key, mote), sensor);
    const period = MINUTE_NS * (1 + (h & 0xff) / 256);
    const phase = ((h >>> 8) & 0xffff) / 0x10000;
    const wave = 512 + Math.round(300 * Math.sin(2 * Math.PI * (tNs / period + phase)));
    const noise = (absorb(h, Math.floor(tNs / 1e6)) % 17) - 8;
    return Math.max(0, Math.min(1023, wave + noise));
  };
}

export type SignalResult = { ok: true; signal: SensorSignal } | { ok: false; error: string };

/**
 * A sensor trace file: lines `SECONDS MOTE SENSOR VALUE` (`*` as MOTE means every mote), `#` comments.
 * A reading is the latest sample at or before its time; before the first sample of a (mote, sensor),
 * or for pairs the file never names, the seeded signal answers.
 */
export function parseSensorTrace(text: string, file: string, fallback: SensorSignal): SignalResult {
  const series = new Map<string, { t: number[]; v: number[] }>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const words = lines[i].replace(/#.*/, '').trim().split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) continue;
    const fail = (why: string): SignalResult => ({ ok: false, error: `${file}:${i + 1}: ${why}` });
    if (words.length !== 4) return fail('want SECONDS MOTE SENSOR VALUE');
    const [ts, ms, ss, vs] = words;
    // Numbers are numbers, not spellings: `007` is mote 7 (issue 19).
    const t = parseDecimal(ts);
    const mote = ms === '*' ? '*' : parseWhole(ms);
    const sensor = parseWhole(ss);
    const value = parseWhole(vs);
    if (t === undefined || t < 0 || t * 1e9 > Number.MAX_SAFE_INTEGER) return fail(`bad time '${ts}'`);
    if (mote === undefined || (mote !== '*' && mote < 0)) return fail(`bad mote '${ms}'`);
    if (sensor === undefined || sensor < 0) return fail(`bad sensor '${ss}'`);
    if (value === undefined || value < 0 || value > 1023) return fail(`bad reading '${vs}' (0..1023)`);
    const key = `${mote}/${sensor}`;
    let s = series.get(key);
    if (s === undefined) series.set(key, (s = { t: [], v: [] }));
    if (s.t.length > 0 && t < s.t[s.t.length - 1]) return fail('times must not go backwards for one mote and sensor');
    s.t.push(Math.round(t * 1e9));
    s.v.push(value);
  }
  const signal: SensorSignal = (mote, sensor, tNs) => {
    const s = series.get(`${mote}/${sensor}`) ?? series.get(`*/${sensor}`);
    if (s === undefined || tNs < s.t[0]) return fallback(mote, sensor, tNs);
    let lo = 0;
    let hi = s.t.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s.t[mid] <= tNs) lo = mid;
      else hi = mid - 1;
    }
    return s.v[lo];
  };
  return { ok: true, signal };
}
