// The simulated world's state: the event queue, the clock, and every mote's hot state in typed arrays
// (structure of arrays, so a million motes cost a few hundred bytes each and the event loop never
// allocates). Objects exist only where they must: a Vm per mote that has code (its RAM in one pool,
// vm/pool.ts), a protocol per mote; random streams too live in one array (streams.ts). The behaviour
// lives in sim/mote/ (one file per part of the mote) and beside this file (the channel, deliveries,
// faults); they all work on a World.

import type { MoteVm } from '../../vm/mote-vm.js';
import { VmPool } from '../../vm/pool.js';
import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { EventQueue } from '../core/event-queue.js';
import type { LinkTable } from '../radio/link-table.js';
import { DEFAULT_MAC, frameAirtimeNs, type MacTiming } from '../radio/mac-timing.js';
import { PAYLOAD_BYTES } from '../../vm/capsule.js';
import { CYCLE_NS } from './cpu.js';
import { Flash } from './flash.js';
import { PowerLedger } from './power.js';
import type { Protocol } from './protocol.js';
import { SEND_QUEUE } from './radio.js';
import { SENSOR_COUNT, type SensorPower } from './sensors.js';
import { seededSignal, type SensorSignal } from './signal.js';
import type { MoteHost } from './host.js';
import { emptyStats, type LinkLayer, type MessageInfo, type NetworkOptions, type RadioIdle, type Stats, type Timing } from './options.js';
import { K_DEATH, PRIO_TASK } from './events.js';
import { PacketPool } from './packets.js';
import { RECEIVE_QUEUE } from './receive-queue.js';
import { PeriodicTimers } from './periodic.js';
import { MoteStreams, type MoteStream } from './streams.js';
import type { ReverseLinks } from './reverse.js';
import type { TraceRecord } from './trace.js';
import { TrapSites } from './trap-sites.js';

export class World {
  readonly n: number;
  readonly seed: number;
  readonly profile: CostProfile;
  readonly queue: EventQueue;
  /** Clock re-arms, off the heap (sim/network/periodic.ts). */
  readonly periodic = new PeriodicTimers();
  /** Simulated time of the event being handled, ns. */
  now = 0;
  readonly stats: Stats = emptyStats();
  /** Where the VMs trapped (mote sim's trap sites). */
  readonly trapSites = new TrapSites();
  readonly ledger: PowerLedger;
  readonly flash: Flash;
  readonly links: LinkTable;
  readonly collisions: boolean;
  /** tossim radio: each link's bit error rate (sim/radio/tossim.ts); undefined for packet-level models. */
  readonly bitErrors: Float32Array | undefined;
  /** Overlaps corrupt the bits they cover (channel.ts) instead of the whole frame. */
  readonly bitLevel: boolean;
  /** Receivers send the mica stack's acknowledgement byte after every packet they take (channel.ts). */
  readonly acks: boolean;
  readonly macTiming: MacTiming;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly airtime: number;
  readonly radioIdle: RadioIdle;
  readonly sensorPower: SensorPower;
  readonly signal: SensorSignal;
  readonly linkLayer: LinkLayer;
  readonly maxTries: number;
  readonly timing: Timing;
  readonly roundNs: number;
  readonly asyncMaxDelayNs: number;
  readonly scheduler: ((message: MessageInfo) => number) | undefined;
  readonly verify: (capsule: Capsule) => boolean;
  readonly onEvent: ((record: TraceRecord) => void) | undefined;
  readonly protocolFactory: ((moteId: number) => Protocol) | undefined;

  // Objects, only where needed.
  readonly vms: (MoteVm | undefined)[];
  /** 1 where the mote is an AVR mote (the firmware on avr8js). */
  readonly avr: Uint8Array;
  /** Every VM's RAM, one block per mote with code (vm/pool.ts). */
  readonly vmPool: VmPool;
  readonly hosts: (MoteHost | undefined)[];
  readonly protocols: (Protocol | undefined)[];
  /** AM types the protocol handles (1) or not (0). */
  readonly protocolTypes = new Uint8Array(256);
  private readonly streams: MoteStreams;

  // Power and lifecycle.
  readonly alive: Uint8Array;
  /** Battery ran dry: the mote stays dead. */
  readonly dead: Uint8Array;

  /**
   * The scheduler's and the timers' fields (sim/mote/scheduler.ts), interleaved in one record a mote
   * (the layout is below the class), read and written through the methods further down. A clock
   * firing touches all of them: in one record that is one or two cache lines, where a typed array
   * each cost a cache and TLB miss apiece once a million motes fire in the order a wave of new code
   * reached them (scattered over the mote numbers).
   */
  private readonly hot: Float64Array;
  private readonly hot32: Uint32Array;
  private readonly hot8: Uint8Array;

  /** The VM clock context's period, ns (0: stopped). */
  readonly clockPeriod: Float64Array;

  // Radio and MAC (sim/mote/mac.ts, channel.ts).
  readonly radio: Uint8Array;
  readonly mac: Uint8Array;
  /** Transmissions on the air that reach this mote now (its carrier sense). */
  readonly heard: Uint16Array;
  /** The sender this mote's radio is locked on, or -1. */
  readonly rxFrom: Int32Array;
  readonly rxCorrupt: Uint8Array;
  /** Bit-level reception (sizes 0 otherwise): since when another transmission overlaps the locked frame, and for how long it has in all (ns). */
  readonly overlapSince: Float64Array;
  readonly overlapNs: Float64Array;
  /** When the channel at each mote last fell quiet (the MAC's quiet window, mac-timing.ts). */
  readonly quietSince: Float64Array;
  readonly jamming: Uint8Array;
  readonly qHead: Uint8Array;
  readonly qCount: Uint8Array;
  readonly txSeq: Uint8Array;
  readonly tries: Uint8Array;
  /** A VM context waiting for a capsule forward to leave (1 + context), or 0. */
  readonly forwardWaiter: Uint8Array;
  /** Per directed link (CSR index): how the current transmission fares at the receiver. */
  readonly linkRx: Uint8Array;
  /** Reliable link layer, per directed link: an ack still owed; the last sequence delivered + 1. */
  readonly needAck: Uint8Array;
  readonly rxSeq: Uint16Array;
  /** The receive queue (receive-queue.ts): packet slots, oldest at head; a hand-over task is posted; drops. */
  readonly rxSlots: Int32Array;
  readonly rxHead: Uint8Array;
  readonly rxCount: Uint8Array;
  /** Packets waiting in every receive queue: while 0, the end of a task need not look at its mote's. */
  rxWaiting = 0;
  readonly rxNextPending: Uint8Array;
  readonly rxDrops: Uint32Array;
  /** Reliable links under sync or async timing: when the link last handed a packet to its receiver. */
  readonly lastDelivery: Float64Array;

  // Sensors and LEDs.
  readonly senseBusy: Uint8Array;
  readonly senseSensor: Uint8Array;
  readonly sensorsOn: Uint8Array;
  readonly leds: Uint8Array;

  /**
   * Made on first use, so that a network that never sends or never senses does not pay for them:
   * the send queue's slots (SEND_QUEUE a mote, 140 bytes) and the sensors' last sample times (64).
   */
  private sendSlots: SendSlots | undefined = undefined;
  private sampleTimes: Float64Array | undefined = undefined;

  // Faults (sim/network/faults.ts).
  readonly linkOverride = new Map<number, number>();
  cut: ((a: number, b: number) => boolean) | undefined = undefined;

  readonly packets = new PacketPool();
  /** Routing tree toward mote 0, built on the first routed send (sim/network/routing.ts). */
  parent: Int32Array | undefined = undefined;
  /** Who hears whom, built on the first INCOMING neighbour query (sim/network/reverse.ts). */
  reverse: ReverseLinks | undefined = undefined;

  // The task being run: its mote, its simulated start, and cycles charged so far (VM and host).
  taskMote = -1;
  taskStart = 0;
  taskVmCycles = 0;
  taskHostCycles = 0;

  constructor(options: NetworkOptions) {
    const n = options.topology.n;
    this.n = n;
    this.seed = options.seed;
    this.profile = options.profile ?? 'mate';
    // Room for the boot events and a few more; the heap doubles when a busy network needs it.
    this.queue = new EventQueue(n + 64);
    this.flash = new Flash(n);
    this.links = options.radio.links;
    this.collisions = options.radio.collisions;
    this.bitErrors = options.radio.bitErrors;
    this.bitLevel = options.radio.bitLevel === true && this.bitErrors !== undefined;
    this.acks = options.radio.acks === true;
    this.macTiming = options.radio.mac ?? DEFAULT_MAC;
    this.x = options.topology.x;
    this.y = options.topology.y;
    this.airtime = frameAirtimeNs(this.macTiming, options.preambleBytes ?? 0);
    this.radioIdle = options.radioIdle ?? 'listen';
    this.sensorPower = options.sensorPower ?? 'stay-on';
    this.signal = options.signal ?? seededSignal(options.seed);
    this.linkLayer = options.linkLayer ?? 'plain';
    this.maxTries = Math.min(255, Math.max(1, options.maxTries ?? 64)); // a Uint8 per mote counts tries
    this.timing = options.timing ?? 'physical';
    this.roundNs = options.roundNs ?? 1e9;
    this.asyncMaxDelayNs = options.asyncMaxDelayNs ?? 1e9;
    this.scheduler = options.scheduler;
    this.verify = options.verify ?? (() => true);
    this.onEvent = options.onEvent;
    this.protocolFactory = options.protocol;

    this.vms = new Array<MoteVm | undefined>(n).fill(undefined);
    this.avr = new Uint8Array(n);
    if (options.avrMotes === 'all') this.avr.fill(1);
    else for (const m of options.avrMotes ?? []) if (m >= 0 && m < n) this.avr[m] = 1;
    this.vmPool = new VmPool(Math.min(n, 1024), n);
    this.hosts = new Array<MoteHost | undefined>(n).fill(undefined);
    this.protocols = new Array<Protocol | undefined>(n).fill(undefined);
    this.streams = new MoteStreams(options.seed, n);

    this.alive = new Uint8Array(n);
    this.dead = new Uint8Array(n);
    const hot = new ArrayBuffer(n * HOT_BYTES);
    this.hot = new Float64Array(hot);
    this.hot32 = new Uint32Array(hot);
    this.hot8 = new Uint8Array(hot);
    for (let m = 0; m < n; m++) this.hot[m * HOT_F64 + CLOCK_NEXT] = Infinity;
    this.ledger = new PowerLedger(n, options.batteryMicroJoules, { f64: this.hot, stride: HOT_F64, at: CHARGES });
    // Work charged past what the battery holds: look at it now, not at the next scheduled look.
    this.ledger.charged = (m) => {
      if (this.ledger.remaining(m, this.now) < 0) this.queue.push(this.now, K_DEATH, m, this.epoch(m), PRIO_TASK);
    };
    this.clockPeriod = new Float64Array(n);
    this.radio = new Uint8Array(n);
    this.mac = new Uint8Array(n);
    this.heard = new Uint16Array(n);
    this.rxFrom = new Int32Array(n).fill(-1);
    this.rxCorrupt = new Uint8Array(n);
    this.overlapSince = new Float64Array(this.bitLevel ? n : 0);
    this.overlapNs = new Float64Array(this.bitLevel ? n : 0);
    this.quietSince = new Float64Array(this.macTiming.quietNs > 0 ? n : 0).fill(-Infinity);
    this.jamming = new Uint8Array(n);
    this.qHead = new Uint8Array(n);
    this.qCount = new Uint8Array(n);
    this.txSeq = new Uint8Array(n);
    this.tries = new Uint8Array(n);
    this.forwardWaiter = new Uint8Array(n);
    this.rxSlots = new Int32Array(n * RECEIVE_QUEUE);
    this.rxHead = new Uint8Array(n);
    this.rxCount = new Uint8Array(n);
    this.rxNextPending = new Uint8Array(n);
    this.rxDrops = new Uint32Array(n);
    const links = this.links.neighbours.length;
    this.linkRx = new Uint8Array(links);
    this.needAck = new Uint8Array(this.linkLayer === 'reliable' ? links : 0);
    this.rxSeq = new Uint16Array(this.linkLayer === 'reliable' ? links : 0);
    this.lastDelivery = new Float64Array(this.linkLayer === 'reliable' && this.timing !== 'physical' ? links : 0);
    this.senseBusy = new Uint8Array(n);
    this.senseSensor = new Uint8Array(n);
    this.sensorsOn = new Uint8Array(n);
    this.leds = new Uint8Array(n);
  }

  get qAm(): Uint8Array {
    return (this.sendSlots ??= sendSlots(this.n)).am;
  }

  get qLength(): Uint8Array {
    return (this.sendSlots ??= sendSlots(this.n)).length;
  }

  /** 0: nobody waits; 1 + context index: that VM context waits for sendDone; 5: the protocol. */
  get qOwner(): Uint8Array {
    return (this.sendSlots ??= sendSlots(this.n)).owner;
  }

  get qSeq(): Uint8Array {
    return (this.sendSlots ??= sendSlots(this.n)).seq;
  }

  get qDest(): Uint16Array {
    return (this.sendSlots ??= sendSlots(this.n)).dest;
  }

  get qBytes(): Uint8Array {
    return (this.sendSlots ??= sendSlots(this.n)).bytes;
  }

  /** When each sensor of each mote last sampled (SENSOR_COUNT + 1 a mote), -Infinity for never. */
  get lastSample(): Float64Array {
    return (this.sampleTimes ??= new Float64Array(this.n * (SENSOR_COUNT + 1)).fill(-Infinity));
  }

  /** Mote m powers up: its sensors have not sampled yet (nothing to do while no mote ever sensed). */
  forgetSamples(m: number): void {
    this.sampleTimes?.fill(-Infinity, m * (SENSOR_COUNT + 1), (m + 1) * (SENSOR_COUNT + 1));
  }

  /** The mote's own stream (sim/core/rng.ts streamFor), for draws made at once. */
  rng(m: number): MoteStream {
    return this.streams.of(m);
  }

  /** Time as mote m sees it: inside its running task, the task's start plus the cycles charged so far. */
  moteTime(m: number): number {
    if (this.taskMote !== m) return this.now;
    const vm = this.vms[m];
    const vmCycles = vm === undefined ? 0 : vm.cycles - this.taskVmCycles;
    return this.taskStart + (vmCycles + this.taskHostCycles) * CYCLE_NS;
  }

  /** When the CPU is free of its last task, ns. */
  cpuFreeAt(m: number): number {
    return this.hot[m * HOT_F64 + CPU_FREE_AT];
  }

  setCpuFreeAt(m: number, t: number): void {
    this.hot[m * HOT_F64 + CPU_FREE_AT] = t;
  }

  /** The clock's next firing, ns; Infinity while the clock is stopped. */
  clockNext(m: number): number {
    return this.hot[m * HOT_F64 + CLOCK_NEXT];
  }

  setClockNext(m: number, t: number): void {
    this.hot[m * HOT_F64 + CLOCK_NEXT] = t;
  }

  /** Cycles the mote spent outside the VM: event paths, byte copies. */
  hostCycles(m: number): number {
    return this.hot[m * HOT_F64 + HOST_CYCLES];
  }

  addHostCycles(m: number, cycles: number): void {
    this.hot[m * HOT_F64 + HOST_CYCLES] += cycles;
  }

  /** Bumped by every power event (boot, crash, reboot, death): events of an older life are dropped. */
  epoch(m: number): number {
    return this.hot32[m * HOT_U32 + EPOCH];
  }

  bumpEpoch(m: number): void {
    this.hot32[m * HOT_U32 + EPOCH]++;
  }

  /** Generations of the clock and of the protocol's timer: an event carrying an older one is stale. */
  clockGen(m: number): number {
    return this.hot32[m * HOT_U32 + CLOCK_GEN];
  }

  /** Makes every clock event in flight stale; returns the new generation. */
  bumpClockGen(m: number): number {
    return ++this.hot32[m * HOT_U32 + CLOCK_GEN];
  }

  timerGen(m: number): number {
    return this.hot32[m * HOT_U32 + TIMER_GEN];
  }

  bumpTimerGen(m: number): number {
    return ++this.hot32[m * HOT_U32 + TIMER_GEN];
  }

  /** How the CPU sleeps between tasks (SLEEP_IDLE or SLEEP_SUSPEND, sim/mote/cpu.ts). */
  sleepMode(m: number): number {
    return this.hot8[m * HOT_BYTES + SLEEP_MODE];
  }

  setSleepMode(m: number, mode: number): void {
    this.hot8[m * HOT_BYTES + SLEEP_MODE] = mode;
  }

  /** A clock task waits for the CPU (1) or not (0). */
  clockTaskPending(m: number): number {
    return this.hot8[m * HOT_BYTES + CLOCK_TASK_PENDING];
  }

  setClockTaskPending(m: number, pending: number): void {
    this.hot8[m * HOT_BYTES + CLOCK_TASK_PENDING] = pending;
  }

  /** A VM continuation is queued (1) or not (0). */
  vmPending(m: number): number {
    return this.hot8[m * HOT_BYTES + VM_PENDING];
  }

  setVmPending(m: number, pending: number): void {
    this.hot8[m * HOT_BYTES + VM_PENDING] = pending;
  }

  get tracing(): boolean {
    return this.onEvent !== undefined;
  }

  emit(record: TraceRecord): void {
    if (this.onEvent !== undefined) this.onEvent(record);
  }
}

/**
 * One mote's hot record: three float64s (cpuFreeAt, clockNext, hostCycles), three uint32 generations
 * (clock, timer, epoch), three flag bytes and the energy ledger's two charge slots (sim/mote/power.ts),
 * 56 bytes padded to a cache line: one line, or two adjacent ones when the buffer does not start on a
 * line.
 */
const HOT_BYTES = 64;
const HOT_F64 = HOT_BYTES / 8;
const HOT_U32 = HOT_BYTES / 4;
const CPU_FREE_AT = 0;
const CLOCK_NEXT = 1;
const HOST_CYCLES = 2;
/** uint32 slots: bytes 24..35. */
const CLOCK_GEN = 6;
const TIMER_GEN = 7;
const EPOCH = 8;
/** Byte slots: bytes 36..38. */
const CLOCK_TASK_PENDING = 36;
const SLEEP_MODE = 37;
const VM_PENDING = 38;
/** The ledger's charged total and CPU charge: float64s 5 and 6 (bytes 40..55). */
const CHARGES = 5;

/** The send queue's slots, SEND_QUEUE a mote (sim/mote/mac.ts). */
interface SendSlots {
  readonly am: Uint8Array;
  readonly length: Uint8Array;
  readonly owner: Uint8Array;
  readonly seq: Uint8Array;
  readonly dest: Uint16Array;
  readonly bytes: Uint8Array;
}

function sendSlots(n: number): SendSlots {
  const slots = n * SEND_QUEUE;
  return {
    am: new Uint8Array(slots),
    length: new Uint8Array(slots),
    owner: new Uint8Array(slots),
    seq: new Uint8Array(slots),
    dest: new Uint16Array(slots),
    bytes: new Uint8Array(slots * PAYLOAD_BYTES),
  };
}
