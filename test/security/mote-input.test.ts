// Hostile packets at the emulated mote itself (issue 9): random frames of every AM type (Maté data and
// routed messages for the VM, the dissemination packets for the protocol) handed to a mote's receive
// path in the full simulator. The simulator never throws, flash keeps the signed code, a malformed
// message traps with the capsule and pc instead of crashing, and signed code still spreads afterwards.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verify } from '../../assembler/verify.js';
import { defaultTrickleParams } from '../../trickle/index.js';
import { createDissemination } from '../../sim/dissemination/index.js';
import { AM } from '../../sim/network/protocol.js';
import { BROADCAST } from '../../sim/network/radio.js';
import { deliver } from '../../sim/network/delivery.js';
import { createMoteSecurity, signatureOf, verifyCapsule } from '../../sim/security/index.js';
import { PAYLOAD_BYTES, type Capsule } from '../../vm/capsule.js';
import { capsule, network, SECOND } from '../sim/network/helpers.js';
import { BASE, signed } from './keys.js';

/** Reads field 0 of every message it gets: a message shorter than 2 bytes traps (bad message field). */
const RECEIVER = signed(capsule('.name reader', '.capsule receive', '.version 1', 'pushm', 'getms 0', 'putled', 'halt'));
const UPDATE = signed(capsule('.name update', '.capsule clock', '.version 2', 'pushc 2', 'putled', 'halt'));

function signedWorld(): ReturnType<typeof network> {
  const security = createMoteSecurity({ publicKey: BASE.publicKey });
  const d = createDissemination({ trickle: defaultTrickleParams, auth: security, motes: 4 });
  return network({ topology: 'line:4', radio: 'disk', spacing: 10, range: 15, capsules: [RECEIVER], protocol: d.protocolFor, verify: (c) => verify(c).ok });
}

const frame = fc.record({
  to: fc.nat(3),
  am: fc.oneof(fc.constantFrom(AM.vm, AM.routed, AM.summary, AM.capsule, AM.fragment, AM.request, AM.signature), fc.integer({ min: 0, max: 255 })),
  dest: fc.oneof(fc.constant(BROADCAST), fc.nat(5)),
  bytes: fc.uint8Array({ minLength: PAYLOAD_BYTES, maxLength: PAYLOAD_BYTES }),
  length: fc.integer({ min: 0, max: PAYLOAD_BYTES }),
  gap: fc.integer({ min: 0, max: SECOND / 2 }),
});

function expectSignedFlash(net: ReturnType<typeof network>['net']): void {
  for (let m = 0; m < net.n; m++) {
    for (const c of net.world.flash.stored(m)) {
      const s = signatureOf(c);
      expect(s !== undefined && verifyCapsule(BASE.publicKey, c as Capsule, s), `mote ${m} holds ${c.name}`).toBe(true);
    }
  }
}

describe('a mote under hostile frames', () => {
  it('never throws, traps malformed VM messages with capsule and pc, keeps signed flash, and still takes signed code (40 runs of up to 80 frames)', () => {
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 80 }), (frames) => {
        const { net, of } = signedWorld();
        net.runUntil(2 * SECOND);
        for (const f of frames) {
          net.runUntil(net.now + f.gap);
          deliver(net.world, 0, f.to, (f.to + 1) % 4, f.am, f.dest, f.bytes, 0, f.length);
        }
        net.inject(0, UPDATE, net.now + SECOND);
        net.runUntil(net.now + 200 * SECOND);
        for (const t of of('trap')) {
          expect(t).toMatchObject({ capsule: 'reader', reason: 'bad message field' });
          expect(typeof t.pc).toBe('number');
        }
        const shortVm = frames.filter((f) => f.am === AM.vm && f.length < 2 && (f.dest === BROADCAST || f.dest === f.to));
        if (shortVm.length > 0) expect(of('trap').length).toBeGreaterThan(0);
        expectSignedFlash(net);
        for (let m = 0; m < 4; m++) expect(net.moteView(m).versions.clock, `mote ${m}`).toBe(2);
      }),
      { numRuns: 40 },
    );
  });
});
