// The adapter from the network simulator (sim/network) to the dashboard's DashSource: it reads the
// world's typed arrays for the map, turns the network's trace records into the dashboard's notable
// events and recent packets, keeps the injections of the spreading capsule and notes when each covered
// every live mote, and turns keys into faults and injections at the current simulated time.

import { capsuleTypeNumber, type Capsule } from '../../vm/capsule.js';
import { formatOperand } from '../../vm/inspect.js';
import { COMPONENTS } from '../../sim/network/power.js';
import { RADIO_TX } from '../../sim/network/radio.js';
import type { Fault } from '../../sim/network/faults.js';
import { createNetwork, type Network } from '../../sim/network/network.js';
import type { NetworkOptions } from '../../sim/network/options.js';
import type { TraceRecord } from '../../sim/network/trace.js';
import type { Topology } from '../../sim/world/topology.js';
import { RecentPackets } from './recent-packets.js';
import type { ActionResult, DashSource, Injection, MoteDetail, MoteStatus, NotableEvent } from './source.js';

/** A rebooted mote shows as rebooting for this long (a reboot itself is instantaneous in the simulator). */
export const REBOOT_MARK_NS = 1e9;
/** Enough that a whole network's installs of one version fit: the view folds them into one line. */
const MAX_EVENTS = 10_000;
const DETAIL_PACKETS = 6;

export interface ScheduledInjection {
  readonly mote: number;
  readonly capsule: Capsule;
  /** ns */
  readonly at: number;
}

export interface NetworkSourceOptions {
  /** Everything but onEvent, which the adapter takes. */
  readonly network: Omit<NetworkOptions, 'onEvent'>;
  /** The capsule whose spread the dashboard shows; `i` injects its code as the next version. */
  readonly spreading: Capsule;
  readonly injections: readonly ScheduledInjection[];
  /** `file:line` of a pc in a capsule compiled from TinyScript, by the capsule's name; the log shows it beside a trap. */
  readonly trapPlace?: (capsule: string, pc: number) => string | undefined;
}

export class NetworkSource implements DashSource {
  readonly topology: Topology;
  readonly seed: number;
  readonly capsuleName: string;
  private readonly network: Network;
  private readonly type: number;
  private code: Capsule;
  private injected: Injection[] = [];
  /** Injections whose `inject` line is not in the log yet. */
  private unlogged: Injection[] = [];
  private events: NotableEvent[] = [];
  private readonly packets: RecentPackets;
  private readonly booted: Uint8Array;
  private readonly bootAt: Float64Array;
  private readonly rebootAt: Float64Array;
  private split = false;
  /** Time of the last record that can complete a coverage: an install of the spreading type, a crash, a death. */
  private lastChange = 0;
  private readonly trapPlace: (capsule: string, pc: number) => string | undefined;

  constructor(options: NetworkSourceOptions) {
    const { topology, seed } = options.network;
    this.topology = topology;
    this.seed = seed;
    this.code = options.spreading;
    this.trapPlace = options.trapPlace ?? (() => undefined);
    this.type = capsuleTypeNumber(options.spreading.type);
    this.capsuleName = `${options.spreading.name} (${options.spreading.type})`;
    this.packets = new RecentPackets(topology.n);
    this.booted = new Uint8Array(topology.n);
    this.bootAt = new Float64Array(topology.n).fill(-1);
    this.rebootAt = new Float64Array(topology.n).fill(-Infinity);
    this.network = createNetwork({ ...options.network, onEvent: (r) => this.record(r) });
    for (const i of [...options.injections].sort((a, b) => a.at - b.at)) {
      this.network.inject(i.mote, i.capsule, i.at);
      if (i.capsule.type === options.spreading.type) this.track({ version: i.capsule.version, mote: i.mote, at: i.at, coveredAt: null });
    }
  }

  now(): number {
    return this.network.now;
  }

  runUntil(ns: number): void {
    this.network.runUntil(ns);
    this.logInjections();
    this.latchCoverage();
  }

  counters(): { events: number; transmissions: number } {
    const s = this.network.stats;
    return { events: s.events, transmissions: s.transmissions };
  }

  version(mote: number): number {
    return this.network.world.flash.read(mote, this.type)?.version ?? 0;
  }

  avr(mote: number): boolean {
    return this.network.world.avr[mote] === 1;
  }

  status(mote: number): MoteStatus {
    const w = this.network.world;
    if (w.dead[mote] === 1) return 'dead';
    // Down: crashed after its first boot, or still waiting for that boot (--boot-spread).
    if (w.alive[mote] === 0) return this.booted[mote] === 1 ? 'dead' : 'rebooting';
    return this.network.now - this.rebootAt[mote] < REBOOT_MARK_NS ? 'rebooting' : 'alive';
  }

  transmitting(mote: number): boolean {
    return this.network.world.radio[mote] === RADIO_TX;
  }

  leds(mote: number): number {
    return this.network.world.leds[mote];
  }

  energy(mote: number): number {
    return this.network.world.ledger.used(mote, this.network.now);
  }

  injections(): readonly Injection[] {
    return this.injected;
  }

  recentEvents(): readonly NotableEvent[] {
    return this.events;
  }

  partitioned(): boolean {
    return this.split;
  }

  detail(mote: number): MoteDetail {
    const w = this.network.world;
    const view = this.network.moteView(mote);
    return {
      capsules: w.flash.stored(mote).map((c) => ({ type: c.type, name: c.name, version: c.version })),
      stacks: (view.vm?.contexts ?? []).map((c) => ({ context: c.name, state: c.state, operands: c.stack.map(formatOperand) })),
      energyByComponent: COMPONENTS.map((component, c) => ({ component, microJoules: w.ledger.component(mote, c, w.now) })).filter((e) => e.microJoules > 0),
      lastPackets: this.packets.of(mote, DETAIL_PACKETS),
    };
  }

  inject(mote: number): ActionResult {
    if (this.status(mote) === 'dead') return { ok: false, message: `mote ${mote} is down; select a live mote to inject at` };
    const newest = Math.max(this.code.version, ...this.injected.map((j) => j.version));
    const capsule: Capsule = { ...this.code, version: newest + 1 };
    this.code = capsule;
    const now = this.network.now;
    this.network.inject(mote, capsule, now);
    this.track({ version: capsule.version, mote, at: now, coveredAt: null });
    this.runUntil(now);
    return { ok: true, message: `injected ${capsule.name} v${capsule.version} at mote ${mote}` };
  }

  kill(mote: number): ActionResult {
    if (this.status(mote) === 'dead') return { ok: false, message: `mote ${mote} is already down` };
    this.apply({ at: this.network.now, kind: 'crash', mote });
    return { ok: true, message: `killed mote ${mote} (r reboots it)` };
  }

  reboot(mote: number): ActionResult {
    if (this.network.world.dead[mote] === 1) return { ok: false, message: `mote ${mote} has an empty battery; it cannot reboot` };
    this.apply({ at: this.network.now, kind: 'reboot', mote });
    return { ok: true, message: `rebooted mote ${mote}: RAM lost, flash kept` };
  }

  togglePartition(): ActionResult {
    const at = this.network.now;
    if (this.split) {
      this.apply({ at, kind: 'heal' });
      this.split = false;
      return { ok: true, message: 'partition healed' };
    }
    this.apply(this.halves(at));
    this.split = true;
    return { ok: true, message: 'network split in two halves (p heals it)' };
  }

  /** A cut down the middle: by x for positioned motes, by id otherwise. */
  private halves(at: number): Fault {
    const { x, n, positioned } = this.topology;
    if (!positioned) return { at, kind: 'partition', axis: 'id', op: '<', value: Math.ceil(n / 2) };
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of x) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return { at, kind: 'partition', axis: 'x', op: '<', value: (lo + hi) / 2 };
  }

  /** A fault now, applied at once so the map shows it even while paused. */
  private apply(fault: Fault): void {
    this.network.fault(fault);
    this.runUntil(fault.at);
  }

  private track(injection: Injection): void {
    this.injected = [...this.injected, injection].sort((a, b) => a.at - b.at);
    this.unlogged.push(injection);
  }

  private logInjections(): void {
    const now = this.network.now;
    const due = this.unlogged.filter((j) => j.at <= now);
    if (due.length === 0) return;
    this.unlogged = this.unlogged.filter((j) => j.at > now);
    for (const j of due) this.log({ t: j.at, kind: 'inject', mote: j.mote, version: j.version, detail: '' }, true);
  }

  /** Marks each injected version covered once every live mote holds it or a newer one. */
  private latchCoverage(): void {
    const now = this.network.now;
    if (!this.injected.some((j) => j.coveredAt === null && j.at <= now)) return;
    this.injected = this.injected.map((j) =>
      j.coveredAt === null && j.at <= now && this.coversAll(j.version) ? { ...j, coveredAt: Math.min(now, Math.max(j.at, this.lastChange)) } : j,
    );
  }

  private coversAll(version: number): boolean {
    for (let m = 0; m < this.topology.n; m++) if (this.status(m) !== 'dead' && this.version(m) < version) return false;
    return true;
  }

  /**
   * Inserts in time order. An injection's line is logged after the records of the step it fell in, and
   * goes before the records of its own time (the install it caused); records arrive in order and append.
   */
  /** `cnt pc 4 (count.tinyscript:5): division by zero`: the place only for capsules compiled from TinyScript. */
  private trapDetail(capsule: string, pc: number, reason: string): string {
    const place = this.trapPlace(capsule, pc);
    return `${capsule} pc ${pc}${place === undefined ? '' : ` (${place})`}: ${reason}`;
  }

  private log(e: NotableEvent, beforeSameTime = false): void {
    let i = this.events.length;
    while (i > 0 && (this.events[i - 1].t > e.t || (beforeSameTime && this.events[i - 1].t === e.t))) i--;
    this.events.splice(i, 0, e);
    if (this.events.length > MAX_EVENTS) this.events = this.events.slice(-MAX_EVENTS / 2);
  }

  private record(r: TraceRecord): void {
    const m = r.m ?? -1;
    switch (r.e) {
      case 'tx':
      case 'rx':
        this.packets.record(r);
        break;
      case 'boot':
        this.booted[m] = 1;
        this.bootAt[m] = r.t;
        break;
      case 'install':
        // A boot reinstalls what flash holds: not news.
        if (r.type !== this.code.type || this.bootAt[m] === r.t) break;
        this.lastChange = r.t;
        this.log({ t: r.t, kind: 'install', mote: m, version: Number(r.version), detail: '' });
        break;
      case 'trap':
        this.log({ t: r.t, kind: 'trap', mote: m, version: 0, detail: this.trapDetail(String(r.capsule), Number(r.pc), String(r.reason)) });
        break;
      case 'crash':
        this.lastChange = r.t;
        this.log({ t: r.t, kind: 'crash', mote: m, version: 0, detail: '' });
        break;
      case 'death':
        this.lastChange = r.t;
        this.log({ t: r.t, kind: 'crash', mote: m, version: 0, detail: 'battery empty' });
        break;
      case 'reboot':
        this.rebootAt[m] = r.t;
        this.log({ t: r.t, kind: 'reboot', mote: m, version: 0, detail: '' });
        break;
      case 'fault': {
        const spec = String(r.spec);
        // "partition:x<95@46.2s": the log line already has the time.
        const where = spec.slice(spec.indexOf(':') + 1, spec.lastIndexOf('@'));
        if (spec.startsWith('partition')) this.log({ t: r.t, kind: 'partition', mote: -1, version: 0, detail: `cut where ${where}` });
        else if (spec.startsWith('heal')) this.log({ t: r.t, kind: 'heal', mote: -1, version: 0, detail: '' });
        break;
      }
    }
  }
}
