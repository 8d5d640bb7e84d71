// Recorded packets replayed with one byte changed and their length stretched or cut, for the hostile
// packet properties of dissemination (hostile.test.ts) and of signed dissemination (test/security).

import fc from 'fast-check';
import { PAYLOAD_BYTES } from '../../../vm/capsule.js';
import type { FakeNetwork, Packet } from './fake-network.js';

export interface PacketEdit {
  /** Which recorded packet (modulo their count), the byte to set (modulo the buffer) and its value. */
  readonly which: number;
  readonly at: number;
  readonly value: number;
  /** Added to the packet's length: -3 (truncated) to +3 (trailing garbage). */
  readonly delta: number;
  /** The mote that hears it. */
  readonly to: number;
}

/** Up to 40 edits, aimed at motes 0-3. */
export const packetEdits: fc.Arbitrary<PacketEdit[]> = fc.array(
  fc.record({ which: fc.nat(), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }), delta: fc.integer({ min: -3, max: 3 }), to: fc.nat(3) }),
  { maxLength: 40 },
);

/** Each edit applied to a copy of its recorded packet, heard by its mote. */
export function hearEdited(net: FakeNetwork, recorded: readonly Packet[], edits: readonly PacketEdit[]): void {
  for (const e of edits) {
    const p = recorded[e.which % recorded.length];
    const bytes = new Uint8Array(PAYLOAD_BYTES + 3);
    bytes.set(p.bytes);
    bytes[e.at % bytes.length] = e.value;
    net.hear(e.to, p.amType, bytes, p.bytes.length + e.delta);
  }
}
