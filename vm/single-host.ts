// A minimal one-mote host and runner for `mote run`: an integer-nanosecond event loop around the
// VM, with the timing of Maté's 2002 measurements (SPEC 1 clock, SPEC 7 split-phase figures).
// The network simulator (sim/) is the full host; this one has no radio neighbours.

import type { Capsule, ContextName } from './capsule.js';
import type { Tracer, TrapReason, VmHost } from './host.js';
import type { MoteVm } from './mote-vm.js';
import type { CostProfile } from './opcodes.js';
import { DEFAULT_CLOCK_PERIOD_NS, Vm } from './vm.js';

/** 4 MHz ATmega128 (SPEC 1). */
export const CYCLE_NS = 250;
/** Maté 2002 timing: the ATmega ADC conversion, Maté's native `sense` figure (SPEC 7). */
export const SENSE_LATENCY_CYCLES = 396;
/** Maté 2002 timing: the native `sendr` figure, TinyOS 0.6 radio stack (SPEC 7). */
export const SEND_LATENCY_CYCLES = 665_000;
/** This mote's id (0 is the base station). */
export const SINGLE_MOTE_ID = 1;
const NO_NEIGHBOURS: readonly number[] = [];

export interface SingleMoteOptions {
  seconds: number;
  profile?: CostProfile;
  /** Seeds `rand` and the default sensor's noise. */
  seed?: number;
  trace?: Tracer;
  /** The signal a sensor reads at a time (ns); the default is a slow sine plus seeded noise. */
  sensor?: (sensor: number, tNs: number) => number;
  /** The VM to run (default: the abstract Vm with `profile` and `trace`); `mote run --mote avr` passes an AvrVm. */
  makeVm?: (host: VmHost) => MoteVm;
}

export interface SingleMoteReport {
  instructions: number;
  cycles: number;
  simulatedSeconds: number;
  ledChanges: { t: number; leds: number }[];
  traps: { t: number; capsule: string; pc: number; reason: TrapReason }[];
  sent: { t: number; dest: number; bytes: number[] }[];
  /** What `uart` wrote to the serial port. */
  serial: { t: number; bytes: number[] }[];
}

interface Pending {
  t: number;
  seq: number;
  clock: boolean;
  fire: () => void;
}

/** Marsaglia's 32-bit xorshift (13, 17, 5): a tiny seeded stream; seed 0 maps to a fixed odd word. */
export function xorshift32(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

/** murmur3's 32-bit finaliser over three words: noise that depends only on its inputs. */
function mix(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x85ebca6b, 0xcc9e2d51) ^ Math.imul(b, 0x1b873593) ^ Math.imul(c, 0xe6546b64);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 10-bit ADC reading: a one-minute sine around mid-scale, phase by sensor, plus or minus 8 of noise. */
export function defaultSensor(seed: number): (sensor: number, tNs: number) => number {
  return (sensor, tNs) => {
    const wave = 512 + Math.round(300 * Math.sin((2 * Math.PI * tNs) / 60e9 + sensor));
    const noise = (mix(seed, sensor, Math.floor(tNs / 1000)) % 17) - 8;
    return Math.max(0, Math.min(1023, wave + noise));
  };
}

export function runSingleMote(capsules: Capsule[], options: SingleMoteOptions): SingleMoteReport {
  const endNs = Math.round(options.seconds * 1e9);
  const seed = options.seed ?? 1;
  const random = xorshift32(seed);
  const signal = options.sensor ?? defaultSensor(seed);
  const report: SingleMoteReport = { instructions: 0, cycles: 0, simulatedSeconds: 0, ledChanges: [], traps: [], sent: [], serial: [] };
  const pending: Pending[] = [];
  let seq = 0;
  let now = 0;
  // While the VM runs, time is the slice start plus the cycles it has charged so far.
  let slice: { start: number; cycles: number } | undefined;
  let leds = 0;
  let sensorBusy = false;
  let radioBusy = false;
  let clockPeriod = DEFAULT_CLOCK_PERIOD_NS;

  const time = (): number => (slice === undefined ? now : slice.start + (vm.cycles - slice.cycles) * CYCLE_NS);
  const schedule = (t: number, clock: boolean, fire: () => void): void => {
    pending.push({ t, seq: seq++, clock, fire });
  };
  const scheduleClock = (from: number): void => {
    if (clockPeriod <= 0) return;
    const at = from + clockPeriod;
    schedule(at, true, () => {
      vm.fireClock();
      scheduleClock(at);
    });
  };
  const radio = (context: ContextName): boolean => {
    if (radioBusy) return false;
    radioBusy = true;
    schedule(time() + SEND_LATENCY_CYCLES * CYCLE_NS, false, () => {
      radioBusy = false;
      vm.sendDone(context);
    });
    return true;
  };

  const host: VmHost = {
    moteId: SINGLE_MOTE_ID,
    now: time,
    random16: () => random() >>> 16,
    setLeds(value) {
      if (value !== leds) report.ledChanges.push({ t: time() / 1e9, leds: value });
      leds = value;
    },
    startSense(context, sensor) {
      if (sensorBusy) return false;
      sensorBusy = true;
      schedule(time() + SENSE_LATENCY_CYCLES * CYCLE_NS, false, () => {
        sensorBusy = false;
        vm.senseDone(context, signal(sensor, now));
      });
      return true;
    },
    startSend(context, dest, payload, length) {
      const t = time();
      const started = radio(context);
      if (started) report.sent.push({ t: t / 1e9, dest, bytes: Array.from(payload.subarray(0, length)) });
      return started;
    },
    startForward: (context) => radio(context),
    setClockPeriod(nanoseconds) {
      clockPeriod = nanoseconds;
      for (let k = pending.length - 1; k >= 0; k--) if (pending[k].clock) pending.splice(k, 1);
      scheduleClock(time());
    },
    trap(record) {
      report.traps.push({ t: record.t / 1e9, capsule: record.capsule, pc: record.pc, reason: record.reason });
    },
    // Alone on the air: no neighbours in either direction.
    neighbours: () => NO_NEIGHBOURS,
    uart(_context, payload, length) {
      report.serial.push({ t: time() / 1e9, bytes: Array.from(payload.subarray(0, length)) });
    },
  };
  const vm: MoteVm = options.makeVm?.(host) ?? new Vm(host, { profile: options.profile, trace: options.trace });

  scheduleClock(0);
  for (const capsule of capsules) vm.install(capsule);
  for (;;) {
    fireDue(pending, now);
    if (now >= endNs) break;
    const next = pending.reduce((t, p) => Math.min(t, p.t), Infinity);
    if (vm.ready) {
      const budget = Math.max(1, Math.ceil((Math.min(next, endNs) - now) / CYCLE_NS));
      slice = { start: now, cycles: vm.cycles };
      const spent = vm.run(budget);
      slice = undefined;
      now += spent * CYCLE_NS;
    } else if (next > endNs) {
      now = endNs;
    } else {
      now = next;
    }
  }
  report.instructions = vm.instructions;
  report.cycles = vm.cycles;
  report.simulatedSeconds = now / 1e9;
  return report;
}

/** Fire every event due by now, earliest first, ties in scheduling order (SimPy's rule). */
function fireDue(pending: Pending[], now: number): void {
  for (;;) {
    let first = -1;
    for (let k = 0; k < pending.length; k++) {
      const p = pending[k];
      if (p.t <= now && (first < 0 || p.t < pending[first].t || (p.t === pending[first].t && p.seq < pending[first].seq)))
        first = k;
    }
    if (first < 0) return;
    const [event] = pending.splice(first, 1); // detached before it runs
    event.fire();
  }
}
