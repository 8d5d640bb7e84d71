// A small scripted network for the lecture's algorithms (issue 6; SPEC 6 timing models): one VM per
// mote, time in whole ticks, and a FIFO queue per directed channel. A message sent at tick t may be
// delivered from tick t + 1 + d, d from the run's delay source (0 for lock-step rounds). Each tick,
// sources in ascending id order deliver the ready heads of their channels, oldest first, up to a
// per-source limit; the scenario replay of `mote snapshot` delivers one a tick, the first ready head
// in ascending destination id order (issue 6's rule; issue 17). Every handler runs to completion
// before the next event (as a TinyOS task does), so an event's effects are atomic. Independent of the
// full emulator in sim/network: no radio, no collisions, no loss unless a crash plan says so.

import type { Capsule, ContextName } from '../../vm/capsule.js';
import type { TrapRecord, VmHost } from '../../vm/host.js';
import { INCOMING, OUTGOING } from '../../vm/host.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { Vm } from '../../vm/vm.js';
import { streamFor, type Rng } from '../core/rng.js';

/** `sendr` to this address reaches every outgoing neighbour. */
export const BROADCAST = 0xffff;
/** A handler that has not finished after this many cycles is stopped and reported. */
export const RUNAWAY_CYCLES = 50_000_000;
const RUN_SLICE = 1_000_000;

export interface NetMessage {
  readonly id: number;
  readonly src: number;
  /** Receiving mote index; -1 when the address named no neighbour. */
  readonly dst: number;
  /** The send (startSend call) it came from: a radio broadcast is one transmission, many messages. */
  readonly transmission: number;
  readonly words: readonly number[];
  readonly sentTick: number;
  readonly readyTick: number;
  deliveredTick: number;
  /** Not delivered: the receiver was down, no such neighbour, or a crash cut the copy off (crash plans). */
  lost: boolean;
}

/** What happened, in order; a mote's own events in this order are its local history. */
export type TraceEvent =
  | { readonly kind: 'clock'; readonly tick: number; readonly mote: number }
  | { readonly kind: 'inject'; readonly tick: number; readonly mote: number; readonly words: readonly number[] }
  | { readonly kind: 'send'; readonly tick: number; readonly mote: number; readonly msg: number }
  | { readonly kind: 'recv'; readonly tick: number; readonly mote: number; readonly msg: number }
  | { readonly kind: 'uart'; readonly tick: number; readonly mote: number; readonly words: readonly number[] };

export interface TickNetworkOptions {
  /** The VM id of each mote, by index. */
  readonly ids: readonly number[];
  /** Outgoing neighbours (indices) of each mote; incoming lists are derived. */
  readonly out: readonly (readonly number[])[];
  /** Installed on every mote in this order; `config(i)` then adds mote i's own (a once capsule). */
  readonly capsules: readonly Capsule[];
  readonly config?: (mote: number) => Capsule | undefined;
  /** Extra ticks d >= 0 of a message, asked once per message in send order. */
  readonly delay: (src: number, dst: number) => number;
  /** Messages a source delivers in one tick (default: no limit). */
  readonly perSourceLimit?: number;
  /**
   * Which ready head a source delivers next: `oldest` (default) the one ready first (then sent
   * first), `destination` the one on its channel to the lowest destination id.
   */
  readonly pick?: 'oldest' | 'destination';
  /** False lets a ready message overtake an older one on its channel: a broken link layer. */
  readonly fifo?: boolean;
  /** `radio`: a broadcast is one transmission heard by every outgoing neighbour; `channels`: one per channel. */
  readonly broadcast?: 'radio' | 'channels';
  /** Whether a copy from src to dst leaves at all (crash plans: a mote that dies mid-broadcast). */
  readonly reach?: (src: number, dst: number, tick: number) => boolean;
  /** What `sense` reads on a mote. */
  readonly sensor?: (mote: number, sensor: number, tick: number) => number;
  readonly profile?: CostProfile;
  readonly seed: number;
}

export interface MoteStats {
  /** Transmissions: each `send`/`sendr` counts once (a radio broadcast too). */
  sent: number;
  /** Messages delivered to this mote. */
  received: number;
  traps: TrapRecord[];
  /** Handlers stopped after RUNAWAY_CYCLES. */
  runaways: number;
}

interface Pending {
  readonly kind: 'send' | 'sense';
  readonly context: ContextName;
  readonly reading: number;
}

export class TickNetwork {
  readonly n: number;
  readonly vms: Vm[] = [];
  readonly stats: MoteStats[] = [];
  readonly messages: NetMessage[] = [];
  readonly trace: TraceEvent[] = [];
  readonly alive: boolean[];
  /** Index of each VM id. */
  readonly indexOf = new Map<number, number>();
  tick = 0;
  transmissions = 0;
  private readonly channels = new Map<number, NetMessage[]>();
  private readonly tables: number[][][] = [];
  private readonly pending: Pending[][] = [];
  private readonly order: number[];
  /** Each mote's outgoing neighbours (indices) by ascending id: the `destination` pick's order. */
  private readonly outById: number[][];
  private inFlight = 0;

  constructor(private readonly options: TickNetworkOptions) {
    const { ids, out } = options;
    this.n = ids.length;
    this.alive = new Array<boolean>(this.n).fill(true);
    ids.forEach((id, i) => this.indexOf.set(id, i));
    const incoming: number[][] = ids.map(() => []);
    out.forEach((list, i) => list.forEach((j) => incoming[j].push(i)));
    const byId = (list: readonly number[]): number[] => list.map((j) => ids[j]).sort((a, b) => a - b);
    this.order = ids.map((_, i) => i).sort((a, b) => ids[a] - ids[b]);
    this.outById = out.map((list) => [...list].sort((a, b) => ids[a] - ids[b]));
    for (let i = 0; i < this.n; i++) {
      this.tables.push([byId(out[i]), byId(incoming[i])]);
      this.pending.push([]);
      this.stats.push({ sent: 0, received: 0, traps: [], runaways: 0 });
      const random = streamFor(options.seed, ids[i]);
      this.vms.push(new Vm(this.host(i, random), { profile: options.profile }));
    }
    for (let i = 0; i < this.n; i++) {
      for (const capsule of options.capsules) this.vms[i].install(capsule);
      const own = options.config?.(i);
      if (own !== undefined) this.vms[i].install(own);
      this.settle(i);
    }
  }

  /** Fire mote i's clock context (one step of its application, or one round) and let it finish. */
  fire(i: number): void {
    if (!this.alive[i]) return;
    this.trace.push({ kind: 'clock', tick: this.tick, mote: i });
    this.vms[i].fireClock();
    this.settle(i);
  }

  /** Hand mote i a command from its serial port (source: itself), as a base station would inject it. */
  inject(i: number, words: readonly number[]): void {
    if (!this.alive[i]) return;
    this.trace.push({ kind: 'inject', tick: this.tick, mote: i, words });
    const bytes = wordsToBytes(words);
    this.vms[i].deliver(bytes, bytes.length, this.options.ids[i]);
    this.settle(i);
  }

  /** Mote i stops for good (crash-stop): it neither runs nor receives from now on. */
  crash(i: number): void {
    this.alive[i] = false;
  }

  /** Messages sent and not yet delivered or lost. */
  get busy(): boolean {
    return this.inFlight > 0;
  }

  /** Advance one tick and deliver what is due (see the top of this file). */
  step(): void {
    this.tick++;
    const limit = this.options.perSourceLimit ?? Infinity;
    for (const src of this.order) {
      for (let delivered = 0; delivered < limit; delivered++) {
        const msg = this.due(src);
        if (msg === undefined) break;
        this.deliver(msg);
      }
    }
  }

  /** The next message src delivers this tick (see `pick`; any ready one of a channel without FIFO). */
  private due(src: number): NetMessage | undefined {
    const first = this.options.pick === 'destination';
    let best: { queue: NetMessage[]; at: number } | undefined;
    for (const dst of first ? this.outById[src] : this.options.out[src]) {
      const queue = this.channels.get(src * this.n + dst);
      if (queue === undefined || queue.length === 0) continue;
      const candidates = this.options.fifo === false ? queue.length : 1;
      for (let k = 0; k < candidates; k++) {
        const m = queue[k];
        if (m.readyTick > this.tick) continue;
        const b = best === undefined ? undefined : best.queue[best.at];
        if (b === undefined || m.readyTick < b.readyTick || (m.readyTick === b.readyTick && m.id < b.id)) best = { queue, at: k };
      }
      if (first && best !== undefined) break;
    }
    if (best === undefined) return undefined;
    return best.queue.splice(best.at, 1)[0];
  }

  private deliver(msg: NetMessage): void {
    this.inFlight--;
    const to = msg.dst;
    if (!this.alive[to]) {
      msg.lost = true;
      return;
    }
    msg.deliveredTick = this.tick;
    this.stats[to].received++;
    this.trace.push({ kind: 'recv', tick: this.tick, mote: to, msg: msg.id });
    const bytes = wordsToBytes(msg.words);
    this.vms[to].deliver(bytes, bytes.length, this.options.ids[msg.src]);
    this.settle(to);
  }

  /** Run mote i until no context is ready, finishing its sends and readings in between. */
  private settle(i: number): void {
    const vm = this.vms[i];
    const start = vm.cycles;
    for (;;) {
      vm.run(RUN_SLICE);
      const pending = this.pending[i];
      if (pending.length > 0) {
        this.pending[i] = [];
        for (const p of pending) {
          if (p.kind === 'send') vm.sendDone(p.context);
          else vm.senseDone(p.context, p.reading);
        }
        continue;
      }
      if (!vm.ready) return;
      if (vm.cycles - start > RUNAWAY_CYCLES) {
        this.stats[i].runaways++;
        vm.reboot(); // the watchdog: the only way to stop a handler from outside
        return;
      }
    }
  }

  private host(i: number, random: Rng): VmHost {
    const options = this.options;
    const pending = (kind: Pending['kind'], context: ContextName, reading: number): true => {
      this.pending[i].push({ kind, context, reading });
      return true;
    };
    return {
      moteId: options.ids[i],
      now: () => this.tick,
      random16: () => random.next32() >>> 16,
      setLeds: () => {},
      startSense: (context, sensor) => pending('sense', context, options.sensor?.(i, sensor, this.tick) ?? 0),
      startSend: (context, dest, payload, length) => {
        this.send(i, dest, bytesToWords(payload, length));
        return pending('send', context, 0);
      },
      startForward: (context) => pending('send', context, 0),
      setClockPeriod: () => {}, // the runner fires the clock: once a round or a step
      trap: (record) => this.stats[i].traps.push(record),
      neighbours: (direction) => this.tables[i][direction === OUTGOING ? 0 : direction === INCOMING ? 1 : 2] ?? [],
      uart: (_context, payload, length) => {
        this.trace.push({ kind: 'uart', tick: this.tick, mote: i, words: bytesToWords(payload, length) });
      },
    };
  }

  private send(src: number, dest: number, words: number[]): void {
    const out = this.options.out[src];
    const broadcast = dest === BROADCAST;
    const targets = broadcast ? this.tables[src][0].map((id) => this.indexOf.get(id) ?? -1) : [this.indexOf.get(dest) ?? -1];
    // On one-way FIFO channels a broadcast is a copy per channel, each its own transmission.
    const split = broadcast && this.options.broadcast === 'channels';
    let transmission = this.transmissions;
    if (!split) {
      this.transmissions++;
      this.stats[src].sent++;
    }
    for (const dst of targets) {
      if (split) {
        transmission = this.transmissions++;
        this.stats[src].sent++;
      }
      const reachable = dst >= 0 && out.includes(dst) && (this.options.reach?.(src, dst, this.tick) ?? true);
      const d = reachable ? Math.max(0, Math.floor(this.options.delay(src, dst))) : 0;
      const msg: NetMessage = {
        id: this.messages.length,
        src,
        dst,
        transmission,
        words,
        sentTick: this.tick,
        readyTick: this.tick + 1 + d,
        deliveredTick: -1,
        lost: !reachable,
      };
      this.messages.push(msg);
      this.trace.push({ kind: 'send', tick: this.tick, mote: src, msg: msg.id });
      if (!reachable) continue;
      const key = src * this.n + dst;
      const queue = this.channels.get(key);
      if (queue === undefined) this.channels.set(key, [msg]);
      else queue.push(msg);
      this.inFlight++;
    }
  }
}

/** Little-endian 16-bit words, as `add` appends them to a message. */
export function wordsToBytes(words: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(words.length * 2);
  words.forEach((w, k) => {
    bytes[2 * k] = w & 0xff;
    bytes[2 * k + 1] = (w >> 8) & 0xff;
  });
  return bytes;
}

/** Signed 16-bit words of payload[0..length); an odd last byte is a word of its own. */
export function bytesToWords(payload: Uint8Array, length: number): number[] {
  const words: number[] = [];
  for (let k = 0; k < length; k += 2) {
    const w = payload[k] | ((k + 1 < length ? payload[k + 1] : 0) << 8);
    words.push((w << 16) >> 16);
  }
  return words;
}
