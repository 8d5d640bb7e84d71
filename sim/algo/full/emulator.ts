// The lecture's algorithms on the full mote emulator (issue 6): createNetwork (sim/network) with a
// perfect radio, the run's capsules installed on every mote, and a record of what the emulator did in
// the tick network's shapes (TraceEvent, NetMessage), so the same oracles judge both networks.
//
// The record is taken where the emulator itself acts: the mote's host sees every VM send and serial
// write (MoteHost, sim/network/host.ts) and the VM sees every clock firing and every packet the stack
// hands it (sim/network/delivery.ts, or receive-queue.ts once the busy handler is done). A delivery
// is paired with the oldest undelivered message from its sender to this mote with the same words;
// equal words from one sender are indistinguishable anyway. The recording changes nothing in
// sim/network, so its pinned trace hashes stay.
//
// Capsules go in at PHASE_NS, not at boot: the clock then fires PHASE_NS after each round boundary,
// where the `sync` timing model hands over the previous round's packets, so a round's messages are
// all received before the next round starts (the tick network's step-then-fire).

import type { Capsule, ContextName } from '../../../vm/capsule.js';
import { OUTGOING, type TrapRecord } from '../../../vm/host.js';
import { opcodeByName } from '../../../vm/opcodes.js';
import type { CostProfile } from '../../../vm/opcodes.js';
import { Vm } from '../../../vm/vm.js';
import { AvrVm } from '../../avr/avr-vm.js';
import { MoteHost } from '../../network/host.js';
import { createNetwork, type Fault, type LinkLayer, type MessageInfo, type Network, type Timing } from '../../network/index.js';
import { RECEIVE_QUEUE } from '../../network/receive-queue.js';
import type { SensorSignal } from '../../network/signal.js';
import type { Radio } from '../../radio/models.js';
import type { Topology } from '../../world/topology.js';
import type { Measures } from '../report.js';
import { BROADCAST, bytesToWords, type NetMessage, type TraceEvent } from '../tick-network.js';

/** One round: the VM's default clock period (SPEC 7), which the shipped capsules keep. */
export const ROUND_NS = 1_000_000_000;
/** Where in the round the clock fires: after the previous round's packets are handed over and handled. */
export const PHASE_NS = 100_000_000;

export interface FullOptions {
  readonly topology: Topology;
  readonly radio: Radio;
  readonly seed: number;
  readonly timing: Timing;
  readonly linkLayer?: LinkLayer;
  /** Largest extra delay for `async` (default 3 rounds, as the tick network's 1 + 0..3 ticks). */
  readonly asyncMaxDelayNs?: number;
  /** For `async`: each delivery's extra delay, chosen by the runner instead of drawn (sim/network's scheduler). */
  readonly scheduler?: (message: MessageInfo) => number;
  /** Installed on every mote at PHASE_NS in this order; `config(m)` then adds mote m's own. */
  readonly capsules: readonly Capsule[];
  /**
   * When mote m's capsules go in, and so where in each round its clock fires (default PHASE_NS for
   * every mote: lock-step rounds). Keep it under ROUND_NS, so the k-th firing stays in round k.
   */
  readonly installAt?: (mote: number) => number;
  readonly config?: (mote: number) => Capsule | undefined;
  readonly profile?: CostProfile;
  /** What sensors read (the routing runners give the tick network's light); default the seeded signal. */
  readonly signal?: SensorSignal;
  /**
   * The receive handler's first serial write is its receive event (Lamport's records): the recv record
   * goes just before it instead of at the hand-over, because on the emulator a clock firing may start
   * the clock context while the receive context is still running (a VM slice ends at the clock).
   */
  readonly stampedReceives?: boolean;
  /**
   * Motes that run the firmware on avr8js (sim/avr/), or 'all'; default none. Each algorithm's full
   * driver takes it in its own options (`mote algo --avr-motes`, RunRequest.avrMotes) and passes it here.
   */
  readonly avrMotes?: readonly number[] | 'all';
}

/** A clock capsule that does nothing: injected to end an application's steps. */
const HALT = opcodeByName('halt');
if (HALT === undefined) throw new Error('the opcode table has no halt');
export const STOP_CLOCK: Capsule = { type: 'clock', version: 2, name: 'stop', code: Uint8Array.of(HALT.code) };

/** The run on the emulator and what it recorded. */
export class FullRun {
  readonly net: Network;
  readonly n: number;
  readonly messages: NetMessage[] = [];
  readonly trace: TraceEvent[] = [];
  /** VM sends per mote (a radio broadcast is one). */
  readonly sent: Uint32Array;
  readonly traps: { mote: number; record: TrapRecord }[] = [];
  /** Crash faults given through fault(): the mote and the round it stops in (a diagram draws them). */
  readonly crashes: { mote: number; tick: number }[] = [];
  transmissions = 0;
  private readonly waiting = new Map<number, NetMessage[]>();
  /** Per mote, the message its receive handler is working on (stampedReceives), or -1. */
  private readonly receiving: Int32Array;
  private readonly stamped: boolean;

  constructor(options: FullOptions) {
    this.net = createNetwork({
      topology: options.topology,
      radio: options.radio,
      seed: options.seed,
      timing: options.timing,
      roundNs: ROUND_NS,
      asyncMaxDelayNs: options.asyncMaxDelayNs ?? 3 * ROUND_NS,
      scheduler: options.scheduler,
      linkLayer: options.linkLayer,
      profile: options.profile,
      signal: options.signal,
      avrMotes: options.avrMotes,
    });
    const w = this.net.world;
    this.n = w.n;
    this.sent = new Uint32Array(w.n);
    this.receiving = new Int32Array(w.n).fill(-1);
    this.stamped = options.stampedReceives ?? false;
    // Before the first event: the world then finds these when a mote first needs its host and VM.
    for (let m = 0; m < w.n; m++) {
      const host = new RecordingHost(m, w, this);
      w.hosts[m] = host;
      w.vms[m] = w.avr[m] === 1 ? new RecordingAvrVm(host, m, this) : new RecordingVm(host, m, this, { profile: w.profile, pool: w.vmPool });
    }
    for (let m = 0; m < w.n; m++) {
      const at = options.installAt?.(m) ?? PHASE_NS;
      for (const capsule of options.capsules) this.net.inject(m, capsule, at);
      const own = options.config?.(m);
      if (own !== undefined) this.net.inject(m, own, at);
    }
  }

  /** A fault on the network; a crash is also noted in `crashes`. */
  fault(fault: Fault): void {
    if (fault.kind === 'crash') this.crashes.push({ mote: fault.mote, tick: this.tick(fault.at) });
    this.net.fault(fault);
  }

  /** The round a time falls in: the clock's k-th firing and the packets handed over at its boundary are round k. */
  tick(ns: number): number {
    return Math.floor(ns / ROUND_NS);
  }

  /** Runs every event up to the clock firing of round `round` plus `slackNs`. */
  runThrough(round: number, slackNs = ROUND_NS / 2): void {
    this.net.runUntil(round * ROUND_NS + PHASE_NS + slackNs);
  }

  /** Messages sent and never handed to their receiver (lost, or still on their way). */
  get undelivered(): number {
    let k = 0;
    for (const list of this.waiting.values()) k += list.length;
    return k;
  }

  recordSend(src: number, dest: number, words: number[], neighbours: ArrayLike<number>): void {
    const t = this.tick(this.net.world.moteTime(src));
    const targets = dest === BROADCAST ? Array.from(neighbours) : [dest < this.n && Array.prototype.includes.call(neighbours, dest) ? dest : -1];
    const transmission = this.transmissions++;
    this.sent[src]++;
    for (const dst of targets) {
      const msg: NetMessage = { id: this.messages.length, src, dst, transmission, words, sentTick: t, readyTick: t + 1, deliveredTick: -1, lost: dst < 0 };
      this.messages.push(msg);
      this.trace.push({ kind: 'send', tick: t, mote: src, msg: msg.id });
      if (dst < 0) continue;
      const key = src * this.n + dst;
      const list = this.waiting.get(key);
      if (list === undefined) this.waiting.set(key, [msg]);
      else list.push(msg);
    }
  }

  /** The mote's clock fired (its VM's fireClock). */
  recordClock(mote: number): void {
    this.trace.push({ kind: 'clock', tick: this.tick(this.net.world.now), mote });
  }

  recordDelivery(mote: number, src: number, words: number[]): void {
    const t = this.tick(this.net.world.now);
    const list = this.waiting.get(src * this.n + mote);
    const at = list?.findIndex((m) => m.words.length === words.length && m.words.every((x, k) => x === words[k])) ?? -1;
    if (list === undefined || at < 0) return; // not a VM message of this run (none are expected)
    const [msg] = list.splice(at, 1);
    msg.deliveredTick = t;
    // The receive before it is recorded now if its handler finished without stamping it.
    if (this.stamped) {
      this.flushReceive(mote);
      this.receiving[mote] = msg.id;
    } else this.trace.push({ kind: 'recv', tick: t, mote, msg: msg.id });
  }

  private flushReceive(mote: number): void {
    const msg = this.receiving[mote];
    if (msg >= 0) this.trace.push({ kind: 'recv', tick: this.messages[msg].deliveredTick, mote, msg });
    this.receiving[mote] = -1;
  }

  /** A serial write: a receive handler's first one is preceded by its receive event (stampedReceives). */
  recordUart(mote: number, context: ContextName, tick: number, words: number[]): void {
    if (context === 'receive') this.flushReceive(mote);
    this.trace.push({ kind: 'uart', tick, mote, words });
  }

  /** Marks what never arrived as lost; call once the run is over. */
  close(): void {
    for (let m = 0; m < this.n; m++) this.flushReceive(m);
    for (const list of this.waiting.values()) for (const m of list) m.lost = true;
    this.waiting.clear();
  }

  /** Messages, cycles (VM and host, the emulator's counters) and joules (its energy meter). */
  measure(): Measures & { vmCycles: number; hostCycles: number; energyByComponent: Record<string, number> } {
    let messages = 0;
    let vmCycles = 0;
    let hostCycles = 0;
    for (let m = 0; m < this.n; m++) {
      const view = this.net.moteView(m);
      messages += this.sent[m];
      vmCycles += view.vmCycles;
      hostCycles += view.hostCycles;
    }
    const report = this.net.energy();
    const cycles = vmCycles + hostCycles;
    const n = Math.max(1, this.n);
    return {
      messages,
      cycles,
      energy: report.joules,
      perMote: { messages: messages / n, cycles: cycles / n, energy: report.joules / n },
      vmCycles,
      hostCycles,
      energyByComponent: report.byComponent,
    };
  }

  faultFailures(name: (mote: number) => string): string[] {
    return [...this.trapFailures(name), ...this.dropFailures(name)];
  }

  trapFailures(name: (mote: number) => string): string[] {
    return this.traps.map(({ mote, record }) => `${name(mote)} trapped: ${record.reason} in ${record.capsule} at pc ${record.pc}`);
  }

  /** Packets for the VM dropped because the receive queue was full, as one sentence (none: empty). */
  dropFailures(name: (mote: number) => string): string[] {
    const failures: string[] = [];
    const dropped = this.net.world.rxDrops;
    const droppers = Array.from(dropped.keys()).filter((m) => dropped[m] > 0);
    if (droppers.length > 0) {
      const total = droppers.reduce((a, m) => a + dropped[m], 0);
      const shown = droppers.slice(0, 5).map(name).join(', ');
      failures.push(`receive queue full: ${total} messages dropped at ${droppers.length} motes (${shown}${droppers.length > 5 ? ', ...' : ''}): each came while ${RECEIVE_QUEUE} waited for the busy receive handler`);
    }
    return failures;
  }
}

/** The mote's own host, noting each VM send it accepts and each serial write. */
class RecordingHost extends MoteHost {
  constructor(
    moteId: number,
    w: Network['world'],
    private readonly recorder: FullRun,
  ) {
    super(moteId, w);
  }

  override startSend(context: ContextName, dest: number, payload: Uint8Array, length: number, routed: boolean): boolean {
    const accepted = super.startSend(context, dest, payload, length, routed);
    if (accepted && !routed) this.recorder.recordSend(this.moteId, dest & 0xffff, bytesToWords(payload, length), this.neighbours(OUTGOING));
    return accepted;
  }

  override uart(context: ContextName, payload: Uint8Array, length: number): void {
    this.recorder.recordUart(this.moteId, context, this.recorder.tick(this.now()), bytesToWords(payload, length));
    super.uart(context, payload, length);
  }

  override trap(record: TrapRecord): void {
    this.recorder.traps.push({ mote: this.moteId, record });
    super.trap(record);
  }
}

/** The mote's VM, noting each clock firing and each packet the stack hands it. */
class RecordingVm extends Vm {
  constructor(
    host: MoteHost,
    private readonly mote: number,
    private readonly recorder: FullRun,
    options: ConstructorParameters<typeof Vm>[1],
  ) {
    super(host, options);
  }

  override fireClock(): void {
    this.recorder.recordClock(this.mote);
    super.fireClock();
  }

  override deliver(payload: Uint8Array, length: number, source: number): void {
    this.recorder.recordDelivery(this.mote, source, bytesToWords(payload, length));
    super.deliver(payload, length, source);
  }
}

/** An AVR mote's VM (the firmware on avr8js), noting the same as RecordingVm. */
class RecordingAvrVm extends AvrVm {
  constructor(
    host: MoteHost,
    private readonly mote: number,
    private readonly recorder: FullRun,
  ) {
    super(host);
  }

  override fireClock(): void {
    this.recorder.recordClock(this.mote);
    super.fireClock();
  }

  override deliver(payload: Uint8Array, length: number, source: number): void {
    this.recorder.recordDelivery(this.mote, source, bytesToWords(payload, length));
    super.deliver(payload, length, source);
  }
}
