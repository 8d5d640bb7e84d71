// Packets between their arrival and the task that hands them to the VM or the protocol: a pool of
// slots in typed arrays with a free list. It grows by doubling when more packets wait at once than
// ever before, so a steady run allocates nothing.

import { PAYLOAD_BYTES } from '../../vm/capsule.js';

export class PacketPool {
  bytes = new Uint8Array(64 * PAYLOAD_BYTES);
  from = new Int32Array(64);
  am = new Uint8Array(64);
  length = new Uint8Array(64);
  dest = new Uint16Array(64);
  /** The receiver's epoch when the packet arrived: a reboot since then drops it. */
  epoch = new Uint32Array(64);
  private next = new Int32Array(64);
  private free = -1;
  private used = 0;
  /** A view the VM reads payloads from (copied in, so no view is made per packet). */
  readonly scratch = new Uint8Array(PAYLOAD_BYTES);

  /** A slot holding a copy of payload[0..length) from `source` at `offset`. */
  take(source: Uint8Array, offset: number, length: number, from: number, am: number, dest: number, epoch: number): number {
    let s: number;
    if (this.free >= 0) {
      s = this.free;
      this.free = this.next[s];
    } else {
      if (this.used === this.from.length) this.grow();
      s = this.used++;
    }
    const bytes = this.bytes;
    const base = s * PAYLOAD_BYTES;
    for (let i = 0; i < length; i++) bytes[base + i] = source[offset + i];
    this.from[s] = from;
    this.am[s] = am;
    this.length[s] = length;
    this.dest[s] = dest;
    this.epoch[s] = epoch;
    return s;
  }

  /** Copies the slot's payload into `scratch` and returns it (bytes past its length are stale). */
  payload(s: number): Uint8Array {
    const bytes = this.bytes;
    const scratch = this.scratch;
    const base = s * PAYLOAD_BYTES;
    const n = this.length[s];
    for (let i = 0; i < n; i++) scratch[i] = bytes[base + i];
    return scratch;
  }

  release(s: number): void {
    this.next[s] = this.free;
    this.free = s;
  }

  private grow(): void {
    const c = this.from.length * 2;
    const grow = <T extends Uint8Array | Uint16Array | Int32Array | Uint32Array>(a: T, make: (n: number) => T, scale = 1): T => {
      const b = make(c * scale);
      b.set(a);
      return b;
    };
    this.bytes = grow(this.bytes, (k) => new Uint8Array(k), PAYLOAD_BYTES);
    this.from = grow(this.from, (k) => new Int32Array(k));
    this.am = grow(this.am, (k) => new Uint8Array(k));
    this.length = grow(this.length, (k) => new Uint8Array(k));
    this.dest = grow(this.dest, (k) => new Uint16Array(k));
    this.epoch = grow(this.epoch, (k) => new Uint32Array(k));
    this.next = grow(this.next, (k) => new Int32Array(k));
  }
}
