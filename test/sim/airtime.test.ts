// Packet airtime (SPEC 5): a 36-byte TOS_Msg at 40 kbps is 7.2 ms with no preamble.

import { describe, expect, it } from 'vitest';
import { airtimeNs, FULL_PACKET_BYTES, PACKET_AIRTIME_NS } from '../../sim/radio/airtime.js';

describe('packet airtime', () => {
  it('counts 36 bytes in a full TOS_Msg: 2 dest + 1 type + 1 group + 1 length + 29 payload + 2 CRC', () => {
    expect(FULL_PACKET_BYTES).toBe(36);
  });

  it('takes 7.2 ms (288 bits x 25 us) for a full packet at the default zero-byte preamble', () => {
    expect(PACKET_AIRTIME_NS).toBe(7_200_000);
    expect(airtimeNs()).toBe(7_200_000);
  });

  it('adds 200 us for each preamble byte and each payload byte', () => {
    expect(airtimeNs(29, 4)).toBe(7_200_000 + 4 * 200_000);
    expect(airtimeNs(0)).toBe(7 * 200_000);
  });
});
