// A DashSource for tests only: a W x H grid whose state the tests set directly, and a toy spread on
// runUntil (each whole second, every live mote holding the newest version hands it to its four
// neighbours) so the controller and the non-terminal mode have something that converges.

import type { ActionResult, DashSource, DashTopology, Injection, MoteDetail, MoteStatus, NotableEvent } from '../../cli/dash/source.js';

const NS = 1e9;

export function gridTopology(w: number, h: number, spacing = 10): DashTopology {
  const n = w * h;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = (i % w) * spacing;
    y[i] = Math.floor(i / w) * spacing;
  }
  return { n, x, y, positioned: true, description: `grid ${w}x${h}, ${spacing} ft spacing` };
}

export class FakeSource implements DashSource {
  readonly seed = 7;
  readonly capsuleName = 'cnt_to_leds (clock)';
  readonly topology: DashTopology;
  readonly versions: Int32Array;
  readonly statuses: MoteStatus[];
  readonly sending: Uint8Array;
  readonly ledBits: Int32Array;
  /** 1 where the test made the mote an AVR mote. */
  readonly avrMotes: Uint8Array;
  /** Microjoules per mote. */
  readonly spent: Float64Array;
  /** Microjoules each live mote spends per simulated second in the toy spread. */
  drawPerSecond = 3000;
  time = 0;
  events = 0;
  transmissions = 0;
  injected: Injection[] = [];
  log: NotableEvent[] = [];
  split = false;
  readonly calls: string[] = [];
  readonly w: number;

  constructor(w: number, h: number, initialVersion = 1) {
    this.w = w;
    this.topology = gridTopology(w, h);
    const n = w * h;
    this.versions = new Int32Array(n).fill(initialVersion);
    this.statuses = new Array<MoteStatus>(n).fill('alive');
    this.sending = new Uint8Array(n);
    this.ledBits = new Int32Array(n);
    this.avrMotes = new Uint8Array(n);
    this.spent = new Float64Array(n);
  }

  avr(mote: number): boolean {
    return this.avrMotes[mote] === 1;
  }

  now(): number {
    return this.time;
  }

  runUntil(ns: number): void {
    while (Math.floor(this.time / NS) < Math.floor(ns / NS)) {
      this.time = (Math.floor(this.time / NS) + 1) * NS;
      this.secondTick();
    }
    this.time = ns;
  }

  private secondTick(): void {
    for (let m = 0; m < this.topology.n; m++) {
      if (this.live(m)) this.spent[m] += this.drawPerSecond;
      this.events += 1;
    }
    for (const j of this.injected) if (j.at === this.time) this.apply(j);
    const newest = this.injected.filter((j) => j.at <= this.time).at(-1);
    if (!newest) return;
    const holders = [];
    for (let m = 0; m < this.topology.n; m++) if (this.live(m) && this.versions[m] >= newest.version) holders.push(m);
    for (const m of holders) {
      this.transmissions++;
      for (const nb of this.neighbours(m)) {
        if (this.live(nb) && this.versions[nb] < newest.version) {
          this.versions[nb] = newest.version;
          this.log.push({ t: this.time, kind: 'install', mote: nb, version: newest.version, detail: '' });
        }
      }
    }
    this.markCovered();
  }

  private markCovered(): void {
    this.injected = this.injected.map((j) => {
      if (j.coveredAt !== null || j.at > this.time) return j;
      for (let m = 0; m < this.topology.n; m++) if (this.live(m) && this.versions[m] < j.version) return j;
      return { ...j, coveredAt: this.time };
    });
  }

  private neighbours(m: number): number[] {
    const x = m % this.w;
    const out = [];
    if (x > 0) out.push(m - 1);
    if (x < this.w - 1) out.push(m + 1);
    if (m - this.w >= 0) out.push(m - this.w);
    if (m + this.w < this.topology.n) out.push(m + this.w);
    return out;
  }

  private live(m: number): boolean {
    return this.statuses[m] !== 'dead';
  }

  private apply(j: Injection): void {
    if (!this.live(j.mote)) return;
    this.versions[j.mote] = j.version;
    this.log.push({ t: this.time, kind: 'inject', mote: j.mote, version: j.version, detail: '' });
  }

  /** Schedules an injection, as `--inject FILE@MOTE:TIME` does. */
  schedule(mote: number, version: number, atSeconds: number): void {
    this.injected.push({ version, mote, at: atSeconds * NS, coveredAt: null });
  }

  counters() {
    return { events: this.events, transmissions: this.transmissions };
  }
  version(m: number): number {
    return this.versions[m];
  }
  status(m: number): MoteStatus {
    return this.statuses[m];
  }
  transmitting(m: number): boolean {
    return this.sending[m] === 1;
  }
  leds(m: number): number {
    return this.ledBits[m];
  }
  energy(m: number): number {
    return this.spent[m];
  }
  injections(): readonly Injection[] {
    return this.injected;
  }
  recentEvents(): readonly NotableEvent[] {
    return this.log;
  }
  partitioned(): boolean {
    return this.split;
  }

  detail(m: number): MoteDetail {
    this.calls.push(`detail ${m}`);
    return {
      capsules: [{ type: 'clock', name: 'cnt_to_leds', version: this.versions[m] }],
      stacks: [{ context: 'clock', state: 'idle', operands: ['1', 's3:512'] }],
      energyByComponent: [{ component: 'cpu', microJoules: this.spent[m] }],
      lastPackets: [{ t: 1.5 * NS, direction: 'rx', amType: 0x20, peer: 3, length: 12 }],
    };
  }

  inject(mote: number): ActionResult {
    const version = Math.max(0, ...this.versions, ...this.injected.map((j) => j.version)) + 1;
    const j = { version, mote, at: this.time, coveredAt: null };
    this.injected.push(j);
    this.apply(j);
    this.calls.push(`inject ${mote}`);
    return { ok: true, message: `injected v${version} at mote ${mote}` };
  }

  kill(mote: number): ActionResult {
    this.statuses[mote] = 'dead';
    this.log.push({ t: this.time, kind: 'crash', mote, version: 0, detail: 'killed' });
    this.calls.push(`kill ${mote}`);
    return { ok: true, message: `killed mote ${mote}` };
  }

  reboot(mote: number): ActionResult {
    this.statuses[mote] = 'rebooting';
    this.calls.push(`reboot ${mote}`);
    return { ok: true, message: `rebooting mote ${mote}` };
  }

  togglePartition(): ActionResult {
    this.split = !this.split;
    this.calls.push('partition');
    return { ok: true, message: this.split ? 'network split in two' : 'partition healed' };
  }
}
