// The last few thousand packets sent and received anywhere in the network, from the trace records, so
// the mote detail can list a mote's last packets without keeping a list per mote (a ring of typed arrays).

import type { TraceRecord } from '../../sim/network/trace.js';
import type { PacketRecord } from './source.js';

const CAPACITY = 4096;
const BROADCAST = 0xffff;

export class RecentPackets {
  private readonly t = new Float64Array(CAPACITY);
  private readonly mote = new Int32Array(CAPACITY);
  private readonly rx = new Uint8Array(CAPACITY);
  private readonly am = new Uint8Array(CAPACITY);
  private readonly peer = new Int32Array(CAPACITY);
  private readonly length = new Uint8Array(CAPACITY);
  private count = 0;
  /** A reception record names only the sender: its AM type and length are those of the sender's last send. */
  private readonly lastAm: Uint8Array;
  private readonly lastLength: Uint8Array;

  constructor(motes: number) {
    this.lastAm = new Uint8Array(motes);
    this.lastLength = new Uint8Array(motes);
  }

  /** Takes a `tx` or `rx` trace record. */
  record(r: TraceRecord): void {
    const m = r.m ?? 0;
    const i = this.count % CAPACITY;
    this.count++;
    this.t[i] = r.t;
    this.mote[i] = m;
    if (r.e === 'tx') {
      this.rx[i] = 0;
      this.am[i] = this.lastAm[m] = Number(r.am);
      this.length[i] = this.lastLength[m] = Number(r.len);
      this.peer[i] = r.dest === BROADCAST ? -1 : Number(r.dest);
    } else {
      const from = Number(r.from);
      this.rx[i] = 1;
      this.am[i] = this.lastAm[from];
      this.length[i] = this.lastLength[from];
      this.peer[i] = from;
    }
  }

  /** The mote's last `k` packets still in the ring, oldest first. */
  of(mote: number, k: number): PacketRecord[] {
    const out: PacketRecord[] = [];
    for (let n = this.count - 1; n >= Math.max(0, this.count - CAPACITY) && out.length < k; n--) {
      const i = n % CAPACITY;
      if (this.mote[i] !== mote) continue;
      out.push({ t: this.t[i], direction: this.rx[i] ? 'rx' : 'tx', amType: this.am[i], peer: this.peer[i], length: this.length[i] });
    }
    return out.reverse();
  }
}
