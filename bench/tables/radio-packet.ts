// What one packet costs the sender's radio, read off the emulated mote's energy meter (SPEC 4: 12 mA x
// 3 V x 25 us = 0.9 uJ a bit; SPEC 5: 288 bits, 259 uJ a full packet): the radio's joules when the
// sender starts transmitting and when the receiver gets the last bit.

import type { CostProfile } from '../../vm/opcodes.js';
import { BIT_NS } from '../../sim/radio/airtime.js';
import { benchNet, capsuleOf, SECOND_NS } from './mote-net.js';

export interface RadioPacket {
  readonly airtimeNs: number;
  /** Bits on the air in that time at 40 kbps (SPEC 1). */
  readonly bits: number;
  readonly microJoules: number;
  readonly microJoulesPerBit: number;
}

export function radioPacket(profile: CostProfile, seed: number): RadioPacket {
  let start: { t: number; joules: number } | undefined;
  let end: { t: number; joules: number } | undefined;
  const { net } = benchNet({
    topology: 'line:2',
    profile,
    seed,
    onEvent: (n, r) => {
      if (r.e === 'tx' && r.m === 0 && start === undefined) start = { t: r.t, joules: n.energy(0).byComponent.radio };
      if (r.e === 'rx' && r.m === 1 && end === undefined) end = { t: r.t, joules: n.energy(0).byComponent.radio };
    },
  });
  net.inject(0, capsuleOf('clock', ['pushm', 'clear', 'pushc 1', 'add', 'pushc 1', 'sendr', 'halt'], 'packet'), 0);
  net.runUntil(1.5 * SECOND_NS);
  if (start === undefined || end === undefined) throw new Error('bench radio packet: mote 1 did not receive the packet');
  const airtimeNs = end.t - start.t;
  const bits = airtimeNs / BIT_NS;
  const microJoules = (end.joules - start.joules) * 1e6;
  return { airtimeNs, bits, microJoules, microJoulesPerBit: microJoules / bits };
}
