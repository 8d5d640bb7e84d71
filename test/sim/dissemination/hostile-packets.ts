// Hostile packets for the properties of dissemination (hostile.test.ts) and of signed dissemination
// (test/security/hostile.test.ts): random junk under any AM type and claimed length, and recorded
// packets replayed with one byte changed and their length stretched or cut.

import fc from 'fast-check';
import { PAYLOAD_BYTES } from '../../../vm/capsule.js';
import { SECOND, type FakeNetwork, type Packet } from './fake-network.js';

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

export interface JunkPacket {
  readonly amType: number;
  readonly bytes: Uint8Array;
  /** The claimed length: -2 stands for the real one; else anything (past the buffer, past 29, not an integer). */
  readonly length: number;
  readonly to: number;
  /** Simulated ns to run before it is heard. */
  readonly gap: number;
}

/** Random packets: one of `amTypes` or any byte as the AM type; random bytes, half of them starting with a plausible capsule type (0..9) so decoders get past the first check. */
export function junkPackets(amTypes: readonly number[]): fc.Arbitrary<JunkPacket[]> {
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 40 }),
    fc.tuple(fc.integer({ min: 0, max: 9 }), fc.uint8Array({ maxLength: 32 })).map(([t, rest]) => Uint8Array.of(t, ...rest)),
  );
  const junk = fc.record({
    amType: fc.oneof(fc.constantFrom(...amTypes), fc.integer({ min: 0, max: 255 })),
    bytes,
    length: fc.oneof(fc.constant(-2), fc.integer({ min: -1, max: 41 }), fc.constantFrom(NaN, Infinity, 3.5)),
    to: fc.nat(3),
    gap: fc.integer({ min: 0, max: 2 * SECOND }),
  });
  return fc.array(junk, { maxLength: 60 });
}

/** Each junk packet heard after its gap. */
export function hearJunk(net: FakeNetwork, packets: readonly JunkPacket[]): void {
  for (const p of packets) {
    net.runUntil(net.now + p.gap);
    net.hear(p.to, p.amType, p.bytes, p.length === -2 ? p.bytes.length : p.length);
  }
}
