// A tiny network for testing dissemination without the mote simulator: n motes, explicit directed
// links each with a loss probability, one event heap (sim/core/event-queue.ts), one seeded stream
// per mote plus one for losses (sim/core/rng.ts), delivery a fixed airtime after a broadcast, no
// collisions. Each mote implements ProtocolHost with its flash in a Map and the assembler's verifier.

import { EventQueue } from '../../../sim/core/event-queue.js';
import { namedStream, streamFor, type Rng } from '../../../sim/core/rng.js';
import type { Protocol, ProtocolHost } from '../../../sim/network/protocol.js';
import { createDissemination, type Dissemination, type DisseminationParams } from '../../../sim/dissemination/index.js';
import { verify } from '../../../assembler/verify.js';
import { CAPSULE_TYPES, PAYLOAD_BYTES, type Capsule } from '../../../vm/capsule.js';

/** One full TOS_Msg at 40 kbps (SPEC 5). */
export const AIRTIME_NS = 7_200_000;
export const SECOND = 1_000_000_000;

const TIMER = 1;
const DELIVER = 2;

export interface Packet {
  readonly time: number;
  readonly from: number;
  readonly amType: number;
  readonly bytes: Uint8Array;
}

export interface Delivery {
  readonly packet: Packet;
  readonly to: number;
}

export interface Install {
  readonly time: number;
  readonly mote: number;
  readonly capsule: Capsule;
}

export interface FakeNetworkOptions {
  readonly n: number;
  /** Directed links [from, to, loss probability]. */
  readonly links: readonly (readonly [number, number, number])[];
  readonly seed: number;
  readonly params: DisseminationParams;
  /** Extra loss chosen by the test: return true to drop this delivery. */
  readonly drop?: (d: Delivery) => boolean;
  /** Return true to refuse this broadcast as if the mote's send queue were full. */
  readonly queueFull?: (from: number, amType: number) => boolean;
}

class FakeMote implements ProtocolHost {
  readonly flash = new Map<number, Capsule>();
  alive = false;
  /** Bumped whenever the timer is re-armed or the mote reboots: stale timer events are ignored. */
  generation = 0;
  readonly protocol: Protocol;

  constructor(
    private readonly net: FakeNetwork,
    readonly moteId: number,
    private readonly rng: Rng,
  ) {
    this.protocol = net.dissemination.protocolFor(moteId);
  }

  now(): number {
    return this.net.now;
  }

  random(): number {
    return this.rng.float();
  }

  broadcast(amType: number, payload: Uint8Array, length: number): boolean {
    return this.net.broadcast(this.moteId, amType, payload, length);
  }

  setTimer(at: number): void {
    this.generation++;
    this.net.timersArmed++;
    if (at === Infinity) return;
    if (!(at >= this.net.now)) this.net.pastTimers++;
    this.net.queue.push(Math.max(at, this.net.now), TIMER, this.moteId, this.generation);
  }

  stored(type: number): Capsule | undefined {
    return this.flash.get(type);
  }

  verify(capsule: Capsule): boolean {
    return verify(capsule).ok;
  }

  install(capsule: Capsule): void {
    this.flash.set(CAPSULE_TYPES.indexOf(capsule.type), capsule);
    this.net.installs.push({ time: this.net.now, mote: this.moteId, capsule });
  }

  note(event: string, detail: number): void {
    this.net.notes.push({ mote: this.moteId, event, detail });
  }
}

export class FakeNetwork {
  readonly dissemination: Dissemination;
  readonly queue = new EventQueue();
  readonly motes: FakeMote[] = [];
  now = 0;
  readonly sent: Packet[] = [];
  readonly installs: Install[] = [];
  readonly notes: { mote: number; event: string; detail: number }[] = [];
  timersArmed = 0;
  /** Broadcasts refused by `queueFull`. */
  refused = 0;
  /** setTimer calls for a time already past (a protocol bug): they fire at once. */
  pastTimers = 0;
  private readonly out: [number, number][][] = [];
  private readonly lossRng: Rng;
  private readonly deliveries: Delivery[] = [];

  constructor(private readonly options: FakeNetworkOptions) {
    this.dissemination = createDissemination(options.params);
    this.lossRng = namedStream(options.seed, 'links');
    for (let m = 0; m < options.n; m++) {
      this.motes.push(new FakeMote(this, m, streamFor(options.seed, m)));
      this.out.push([]);
    }
    for (const [from, to, loss] of options.links) this.out[from].push([to, loss]);
  }

  bootAll(): void {
    for (const m of this.motes) this.boot(m.moteId);
  }

  boot(mote: number): void {
    const m = this.motes[mote];
    m.alive = true;
    m.generation++;
    m.protocol.boot(m);
  }

  /** Power-cycles a mote: its pending timer is dropped, RAM is lost, flash is kept. */
  reboot(mote: number): void {
    this.motes[mote].alive = false;
    this.boot(mote);
  }

  inject(mote: number, capsule: Capsule): void {
    const m = this.motes[mote];
    m.protocol.inject(m, capsule);
  }

  broadcast(from: number, amType: number, payload: Uint8Array, length: number): boolean {
    if (!(length >= 0 && length <= PAYLOAD_BYTES && length <= payload.length)) throw new Error(`mote ${from} broadcast a bad length ${length}`);
    if (this.options.queueFull?.(from, amType) ?? false) {
      this.refused++;
      return false;
    }
    // The protocol reuses its buffer, so the packet is copied as the ProtocolHost contract says.
    const packet: Packet = { time: this.now, from, amType, bytes: payload.slice(0, length) };
    this.sent.push(packet);
    for (const [to, loss] of this.out[from]) {
      const lost = this.lossRng.float() < loss;
      const d: Delivery = { packet, to };
      if (lost || (this.options.drop?.(d) ?? false)) continue;
      this.deliveries.push(d);
      this.queue.push(this.now + AIRTIME_NS, DELIVER, to, this.deliveries.length - 1);
    }
    return true;
  }

  /** Hands mote `to` a packet now, as if heard from `from` (for hostile and replayed packets). */
  hear(to: number, amType: number, bytes: Uint8Array, length: number, from = -1): void {
    const m = this.motes[to];
    m.protocol.onPacket(m, amType, bytes, length, from);
  }

  /** Runs events up to and including `until` (ns); fails instead of hanging past `maxEvents`. */
  runUntil(until: number, maxEvents = 2_000_000): void {
    let events = 0;
    while (this.queue.peekTime() <= until) {
      if (++events > maxEvents) throw new Error(`more than ${maxEvents} events before ${until} ns`);
      this.queue.pop();
      this.now = this.queue.time;
      const m = this.motes[this.queue.target];
      if (!m.alive) continue;
      if (this.queue.kind === TIMER) {
        if (this.queue.arg === m.generation) m.protocol.onTimer(m);
      } else {
        const { packet } = this.deliveries[this.queue.arg];
        m.protocol.onPacket(m, packet.amType, packet.bytes, packet.bytes.length, packet.from);
      }
    }
    this.now = Math.max(this.now, until);
  }

  /** Runs until every mote holds `capsule` (same type, version and code) or `limit` passes; returns the time or null. */
  runUntilCovered(capsule: Capsule, limit: number, step = SECOND / 10): number | null {
    while (this.now < limit) {
      if (this.motes.every((m) => holds(m.flash, capsule))) return this.now;
      this.runUntil(Math.min(limit, this.now + step));
    }
    return this.motes.every((m) => holds(m.flash, capsule)) ? this.now : null;
  }

  packets(amType: number, from?: number): Packet[] {
    return this.sent.filter((p) => p.amType === amType && (from === undefined || p.from === from));
  }

  installsAt(mote: number): Install[] {
    return this.installs.filter((i) => i.mote === mote);
  }
}

export function holds(flash: Map<number, Capsule>, c: Capsule): boolean {
  const s = flash.get(CAPSULE_TYPES.indexOf(c.type));
  return s !== undefined && s.version === c.version && sameBytes(s.code, c.code);
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Both directions of an undirected edge, with the same loss. */
export function bothWays(edges: readonly (readonly [number, number, number])[]): [number, number, number][] {
  return edges.flatMap(([a, b, loss]) => [
    [a, b, loss],
    [b, a, loss],
  ]);
}

/** A line 0 - 1 - ... - (n-1) with one loss on every link. */
export function line(n: number, loss = 0): [number, number, number][] {
  const edges: [number, number, number][] = [];
  for (let i = 0; i + 1 < n; i++) edges.push([i, i + 1, loss]);
  return bothWays(edges);
}

/** Everyone hears everyone: one cell. */
export function clique(n: number, loss = 0): [number, number, number][] {
  const links: [number, number, number][] = [];
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b) links.push([a, b, loss]);
  return links;
}
