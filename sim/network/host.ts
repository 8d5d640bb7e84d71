// The mote as its software sees it: one object per mote that is both the VM's hardware interface
// (vm/host.ts) and a protocol's (sim/mote/protocol.ts). It holds only the mote id and the world;
// every call goes to the part of the mote that handles it.

import { CONTEXTS, type Capsule, type ContextName } from '../../vm/capsule.js';
import { INCOMING, type TrapRecord, type VmHost } from '../../vm/host.js';
import { Vm } from '../../vm/vm.js';
import type { MoteVm } from '../../vm/mote-vm.js';
import { AvrVm } from '../avr/avr-vm.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { K_PROTOCOL_TIMER, PRIO_TASK } from './events.js';
import { reverseLinks } from './reverse.js';
import { parentOf } from './routing.js';
import { sendDoneLater } from './tasks.js';
import type { World } from './world.js';
import { setLeds } from './leds.js';
import { enqueue, MAC_IDLE } from './mac.js';
import { AM, type ProtocolHost } from './protocol.js';
import { BROADCAST } from './radio.js';
import { CPU_ACTIVE_UA, CYCLE_NS, EVENT_PATH_CYCLES, sleepCurrent } from './cpu.js';
import { CPU } from './power.js';
import { beginTask, chargeHostCycles, endTask, setClock, wakeVm } from './scheduler.js';
import { startSense } from './sensing.js';

/** Send-queue owner for protocol packets (VM contexts are 1..4). */
export const OWNER_PROTOCOL = 5;

export class MoteHost implements VmHost, ProtocolHost {
  private outgoing: Uint32Array | undefined = undefined;
  private incoming: Uint32Array | undefined = undefined;

  constructor(
    readonly moteId: number,
    private readonly w: World,
  ) {}

  now(): number {
    return this.w.moteTime(this.moteId);
  }

  random16(): number {
    return this.w.rng(this.moteId).next32() >>> 16;
  }

  random(): number {
    return this.w.rng(this.moteId).float();
  }

  setLeds(leds: number): void {
    setLeds(this.w, this.moteId, leds);
  }

  startSense(context: ContextName, sensor: number): boolean {
    return startSense(this.w, this.moteId, CONTEXTS.indexOf(context), sensor);
  }

  startSend(context: ContextName, dest: number, payload: Uint8Array, length: number, routed: boolean): boolean {
    const w = this.w;
    const m = this.moteId;
    const owner = CONTEXTS.indexOf(context) + 1;
    if (!routed) return enqueue(w, m, AM.vm, dest & 0xffff, payload, length, owner);
    if (m === 0) {
      // The base station's own routed send has arrived.
      w.stats.delivered++;
      if (w.tracing) w.emit({ t: w.moteTime(m), e: 'sink', m, from: m });
      sendDoneLater(w, m, owner);
      return true;
    }
    const parent = parentOf(w, m);
    if (parent < 0) {
      w.stats.unroutable++;
      sendDoneLater(w, m, owner);
      return true;
    }
    return enqueue(w, m, AM.routed, parent, payload, length, owner);
  }

  /** forw/forwo: the protocol broadcasts the capsule; the context waits until the send queue drains. */
  startForward(context: ContextName, capsuleType: number): boolean {
    const w = this.w;
    const m = this.moteId;
    if (w.forwardWaiter[m] !== 0) return false;
    w.protocols[m]?.forward(this, capsuleType);
    const owner = CONTEXTS.indexOf(context) + 1;
    if (w.qCount[m] === 0 && w.mac[m] === MAC_IDLE) sendDoneLater(w, m, owner);
    else w.forwardWaiter[m] = owner;
    return true;
  }

  setClockPeriod(nanoseconds: number): void {
    setClock(this.w, this.moteId, nanoseconds);
  }

  /** The link table's neighbours (links of any rate above 0), kept per mote as the VM asks. */
  neighbours(direction: number): ArrayLike<number> {
    const w = this.w;
    const m = this.moteId;
    if (direction === INCOMING) return (this.incoming ??= incomingOf(w, m));
    return (this.outgoing ??= w.links.neighbours.subarray(w.links.offsets[m], w.links.offsets[m + 1]));
  }

  /** The serial port: bytes a mote writes (to a PC, at the base station) go to the trace. */
  uart(_context: ContextName, payload: Uint8Array, length: number): void {
    const w = this.w;
    if (w.tracing) w.emit({ t: w.moteTime(this.moteId), e: 'uart', m: this.moteId, bytes: Buffer.from(payload.subarray(0, length)).toString('hex') });
  }

  trap(record: TrapRecord): void {
    const w = this.w;
    w.stats.traps++;
    w.trapSites.record(this.moteId, record);
    if (w.tracing) w.emit({ t: record.t, e: 'trap', m: this.moteId, capsule: record.capsule, pc: record.pc, reason: record.reason });
  }

  broadcast(amType: number, payload: Uint8Array, length: number): boolean {
    return enqueue(this.w, this.moteId, amType, BROADCAST, payload, length, OWNER_PROTOCOL);
  }

  unicast(dest: number, amType: number, payload: Uint8Array, length: number): boolean {
    return enqueue(this.w, this.moteId, amType, dest & 0xffff, payload, length, OWNER_PROTOCOL);
  }

  setTimer(at: number): void {
    const w = this.w;
    const gen = w.bumpTimerGen(this.moteId);
    if (!Number.isFinite(at)) return;
    const now = w.moteTime(this.moteId);
    w.queue.push(at > now ? at : now, K_PROTOCOL_TIMER, this.moteId, gen, PRIO_TASK);
  }

  stored(type: number): Capsule | undefined {
    return this.w.flash.read(this.moteId, type);
  }

  verify(capsule: Capsule): boolean {
    return this.w.verify(capsule);
  }

  install(capsule: Capsule): void {
    installCapsule(this.w, this.moteId, capsule);
  }

  /**
   * Protocol work in cycles. Inside a task (a packet, a timer) the task runs longer; outside one (an
   * injection from the base station) the CPU is busy that long from when it is next free.
   */
  charge(cycles: number): void {
    const w = this.w;
    const m = this.moteId;
    if (w.taskMote === m) {
      chargeHostCycles(w, m, cycles);
      return;
    }
    const ns = cycles * CYCLE_NS;
    w.ledger.charge(m, CPU, CPU_ACTIVE_UA - sleepCurrent(w.sleepMode(m)), ns);
    w.addHostCycles(m, cycles);
    w.setCpuFreeAt(m, Math.max(w.now, w.cpuFreeAt(m)) + ns);
  }

  note(event: string, detail: number): void {
    const w = this.w;
    if (w.tracing) w.emit({ t: w.moteTime(this.moteId), e: 'note', m: this.moteId, note: event, detail });
  }
}

/** The motes that m hears (ascending), from the reversed link table built on first use. */
function incomingOf(w: World, m: number): Uint32Array {
  const r = (w.reverse ??= reverseLinks(w.links));
  return r.from.subarray(r.start[m], r.start[m + 1]);
}

export function hostOf(w: World, m: number): MoteHost {
  let h = w.hosts[m];
  if (h === undefined) w.hosts[m] = h = new MoteHost(m, w);
  return h;
}

/** The mote's VM, made when it first gets code (a mote without code needs none). */
export function vmOf(w: World, m: number, profile: CostProfile): MoteVm {
  let vm = w.vms[m];
  if (vm === undefined) {
    const host = hostOf(w, m);
    w.vms[m] = vm = w.avr[m] === 1 ? new AvrVm(host) : new Vm(host, { profile, pool: w.vmPool });
  }
  return vm;
}

/** Writes a capsule to flash and installs it (contexts reset as SPEC 7 says). */
export function installCapsule(w: World, m: number, capsule: Capsule): void {
  if (w.alive[m] === 0) return;
  w.flash.write(m, capsule);
  vmOf(w, m, w.profile).install(capsule);
  w.stats.installs++;
  if (w.tracing) w.emit({ t: w.moteTime(m), e: 'install', m, capsule: capsule.name, type: capsule.type, version: capsule.version });
  wakeVm(w, m);
}

/** The protocol's timer fired (K_PROTOCOL_TIMER). */
export function protocolTimer(w: World, m: number, generation: number): void {
  if (generation !== w.timerGen(m) || w.alive[m] === 0) return;
  const protocol = w.protocols[m];
  if (protocol === undefined) return;
  if (!beginTask(w, m, K_PROTOCOL_TIMER, generation, EVENT_PATH_CYCLES)) return;
  protocol.onTimer(hostOf(w, m));
  endTask(w, m);
}
