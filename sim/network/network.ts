// The network simulator's public face: createNetwork(options) builds the world (sim/network/world.ts)
// and returns a Network to run, inspect, fault and inject into. The event loop is here: it pops the
// next event and hands it to the part of the world that owns it; it allocates nothing.

import type { Capsule } from '../../vm/capsule.js';
import type { VmSnapshot } from '../../vm/inspect.js';
import { deathCheck, joulesByComponent, sweep, SWEEP_NS } from './battery.js';
import { hostOf, installCapsule, protocolTimer } from './host.js';
import { boot, crash, die, reboot } from './lifecycle.js';
import { backoffDone, radioReady } from './mac.js';
import { senseDone } from './sensing.js';
import { clockFired, clockInterrupt, clockTask, continueVm } from './scheduler.js';
import { startJam } from './channel.js';
import { endAck, endTransmission } from './channel.js';
import { deliverTask } from './delivery.js';
import { receiveNextTask } from './receive-queue.js';
import {
  K_BACKOFF, K_BOOT, K_CLOCK, K_CLOCK_TASK, K_DEATH, K_DELIVER, K_FAULT, K_INJECT, K_PROTOCOL_TIMER, K_RECEIVE_NEXT,
  K_ACK_END, K_RADIO_READY, K_SEND_DONE, K_SENSE_DONE, K_SWEEP, K_TX_END, K_VM_RUN, PRIO_CONTROL,
} from './events.js';
import { formatFault, partitionSides, type Fault } from './faults.js';
import type { NetworkOptions, Stats } from './options.js';
import { summarize, type Summary } from './summary.js';
import type { TrapSite } from './trap-sites.js';
import { sendDoneTask } from './tasks.js';
import { World } from './world.js';

export interface EnergyReport {
  joules: number;
  byComponent: Record<string, number>;
  /** Joules left in the battery (one mote), or summed over every mote. */
  remainingJoules: number;
}

export interface MoteView {
  id: number;
  alive: boolean;
  /** The battery ran dry: the mote will not come back. */
  dead: boolean;
  x: number;
  y: number;
  leds: number;
  /** Installed capsule versions by type name (flash). */
  versions: Record<string, number>;
  /** The VM's state (stacks, heap, contexts), or null when the mote has no code. */
  vm: VmSnapshot | null;
  energy: EnergyReport;
  /** Cycles outside the VM (event paths, byte copies) and in it. */
  hostCycles: number;
  vmCycles: number;
}

export interface Network {
  readonly n: number;
  /** Simulated time, ns. */
  readonly now: number;
  readonly stats: Readonly<Stats>;
  /** Processes every event up to and including time `ns`, then stands at `ns`. */
  runUntil(ns: number): void;
  energy(mote?: number): EnergyReport;
  moteView(mote: number): MoteView;
  /** Gives a capsule to a mote at time `at` (default now): to its protocol if it has one, else straight to flash and VM. */
  inject(mote: number, capsule: Capsule, at?: number): void;
  /** Applies a fault at its time (now if that has passed). */
  fault(fault: Fault): void;
  summary(): Summary;
  /** The distinct places the VMs trapped, first seen first (at most MAX_TRAP_SITES). */
  trapSites(): TrapSite[];
  /** The state itself, for tests and tools that need more than the views. */
  readonly world: World;
}

export function createNetwork(options: NetworkOptions): Network {
  return new Simulation(options);
}

class Simulation implements Network {
  readonly world: World;
  private readonly faults: Fault[] = [];
  private readonly injections: { mote: number; capsule: Capsule }[] = [];

  constructor(options: NetworkOptions) {
    const w = new World(options);
    this.world = w;
    for (const capsule of options.capsules ?? []) for (let m = 0; m < w.n; m++) w.flash.write(m, capsule);
    const spread = options.bootSpreadNs ?? 0;
    for (let m = 0; m < w.n; m++) {
      const at = spread > 0 ? Math.floor(w.rng(m).float() * spread) : 0;
      w.queue.push(at, K_BOOT, m, 0, PRIO_CONTROL);
    }
    w.queue.push(SWEEP_NS, K_SWEEP, 0, 0, PRIO_CONTROL);
    for (const f of options.faults ?? []) this.fault(f);
  }

  get n(): number {
    return this.world.n;
  }

  get now(): number {
    return this.world.now;
  }

  get stats(): Readonly<Stats> {
    return this.world.stats;
  }

  runUntil(ns: number): void {
    const w = this.world;
    const q = w.queue;
    const periodic = w.periodic;
    const stats = w.stats;
    for (;;) {
      const next = q.peekTime();
      const clock = periodic.peekTime();
      if (clock <= next) {
        // A clock firing from the rings; on a tie it goes first, so a VM slice cut short for the clock
        // (scheduler.ts) yields to it.
        if (clock > ns) break;
        periodic.pop();
        w.now = clock;
        stats.events++;
        clockFired(w, periodic.target, periodic.arg, periodic.period);
        continue;
      }
      if (next > ns) break;
      q.pop();
      w.now = q.time;
      stats.events++;
      const m = q.target;
      const arg = q.arg;
      switch (q.kind) {
        case K_CLOCK:
          clockInterrupt(w, m, arg);
          break;
        case K_CLOCK_TASK:
          clockTask(w, m, arg);
          break;
        case K_TX_END:
          endTransmission(w, m, arg);
          break;
        case K_ACK_END:
          endAck(w, m, arg);
          break;
        case K_BACKOFF:
          backoffDone(w, m, arg);
          break;
        case K_DELIVER:
          deliverTask(w, m, arg);
          break;
        case K_SEND_DONE:
          sendDoneTask(w, m, arg);
          break;
        case K_SENSE_DONE:
          senseDone(w, m, arg);
          break;
        case K_VM_RUN:
          continueVm(w, m, arg);
          break;
        case K_PROTOCOL_TIMER:
          protocolTimer(w, m, arg);
          break;
        case K_RADIO_READY:
          radioReady(w, m, arg);
          break;
        case K_DEATH:
          deathCheck(w, m, arg);
          break;
        case K_SWEEP:
          sweep(w);
          break;
        case K_BOOT:
          boot(w, m);
          break;
        case K_FAULT:
          this.apply(this.faults[m]);
          break;
        case K_INJECT:
          this.deliverInjection(this.injections[m]);
          break;
        case K_RECEIVE_NEXT:
          receiveNextTask(w, m, arg);
          break;
      }
    }
    if (ns > w.now) w.now = ns;
  }

  energy(mote?: number): EnergyReport {
    const w = this.world;
    const byComponent = joulesByComponent(w, w.now, mote);
    const joules = Object.values(byComponent).reduce((a, b) => a + b, 0);
    let remaining = 0;
    if (mote !== undefined) remaining = w.ledger.remaining(mote, w.now);
    else for (let m = 0; m < w.n; m++) remaining += w.ledger.remaining(m, w.now);
    return { joules, byComponent, remainingJoules: Math.max(0, remaining) * 1e-6 };
  }

  moteView(mote: number): MoteView {
    const w = this.world;
    const versions: Record<string, number> = {};
    for (const c of w.flash.stored(mote)) versions[c.type] = c.version;
    const vm = w.vms[mote];
    return {
      id: mote,
      alive: w.alive[mote] === 1,
      dead: w.dead[mote] === 1,
      x: w.x[mote],
      y: w.y[mote],
      leds: w.leds[mote],
      versions,
      vm: vm === undefined || w.alive[mote] === 0 ? null : vm.inspect(),
      energy: this.energy(mote),
      hostCycles: w.hostCycles(mote),
      vmCycles: vm?.cycles ?? 0,
    };
  }

  inject(mote: number, capsule: Capsule, at = this.world.now): void {
    const w = this.world;
    this.injections.push({ mote, capsule });
    w.queue.push(Math.max(at, w.now), K_INJECT, this.injections.length - 1, 0, PRIO_CONTROL);
  }

  fault(fault: Fault): void {
    const w = this.world;
    this.faults.push(fault);
    w.queue.push(Math.max(fault.at, w.now), K_FAULT, this.faults.length - 1, 0, PRIO_CONTROL);
  }

  summary(): Summary {
    return summarize(this.world);
  }

  trapSites(): TrapSite[] {
    return this.world.trapSites.list();
  }

  private deliverInjection(injection: { mote: number; capsule: Capsule }): void {
    const w = this.world;
    const { mote, capsule } = injection;
    if (w.alive[mote] === 0) return;
    const protocol = w.protocols[mote];
    if (protocol !== undefined) protocol.inject(hostOf(w, mote), capsule);
    else installCapsule(w, mote, capsule);
  }

  private apply(f: Fault): void {
    const w = this.world;
    if (w.tracing) w.emit({ t: w.now, e: 'fault', spec: formatFault(f) });
    switch (f.kind) {
      case 'crash':
        crash(w, f.mote);
        break;
      case 'reboot':
        reboot(w, f.mote);
        break;
      case 'drain':
        w.ledger.drained[f.mote] += Math.max(0, w.ledger.remaining(f.mote, w.now));
        die(w, f.mote);
        break;
      case 'jam':
        startJam(w, f.mote);
        if (w.tracing) w.emit({ t: w.now, e: 'jam', m: f.mote });
        break;
      case 'link':
        w.linkOverride.set(f.a * w.n + f.b, f.prr);
        if (f.both) w.linkOverride.set(f.b * w.n + f.a, f.prr);
        break;
      case 'partition':
        if ('cut' in f) w.cut = f.cut;
        else {
          const sides = partitionSides(f, w.x, w.y);
          w.cut = (a, b) => sides[a] !== sides[b];
        }
        break;
      case 'heal':
        w.cut = undefined;
        w.linkOverride.clear();
        break;
    }
  }
}
