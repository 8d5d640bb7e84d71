// What checking signed code costs a mote, in ATmega cycles (charged through ProtocolHost.charge, so the
// simulator turns them into CPU time and energy at SPEC 2's active current, as every other task).
//
// Ed25519 verification: 32,634,713 cycles, Hutter & Schwabe, "NaCl on 8-bit AVR Microcontrollers",
// AFRICACRYPT 2013, LNCS 7918 (the speed-oriented implementation on an ATmega2560; the preprint gives
// 32,937,940). A portable C build is about four times slower: rweather's Arduino Cryptography Library
// reports Ed25519::verify() at 9030 ms on a 16 MHz ATmega328P, 144.5 M cycles. Cycles carry over
// between ATmegas of one core; on the mica's 4 MHz clock (SPEC 1) the fast figure is 8.2 s of CPU.
// The SHA-512 of R, A and the message inside verification is part of the figure: our message (at most
// 70 bytes) adds one SHA-512 block over the measured short message, under 60,000 cycles (Cheng, Dinu
// and Grossschaedl, "Efficient Implementation of the SHA-512 Hash Function for 8-Bit AVR
// Microcontrollers", 2019: "slightly less than 60k clock cycles" per compression on an ATmega128),
// 0.2 % of the total; it is left out.
//
// SHA-256: 43.85 us per byte hashed and 2841.04 us to finalise on a 16 MHz ATmega328P (rweather's
// Arduino Cryptography Library performance table, doc/crypto.dox): 701.6 cycles a byte, so a 64-byte
// block costs 44,902 cycles. A piece hash covers at most 6 + 24 bytes, one block after padding.

/** Hutter & Schwabe 2013, crypto_sign_open on the ATmega. */
export const ED25519_VERIFY_CYCLES = 32_634_713;
/** 43.85 us/byte x 16 MHz x 64 bytes (rweather, ATmega328P). */
export const SHA256_BLOCK_CYCLES = 44_902;

/** SHA-256 of n bytes: one compression per 64-byte block after padding (a 0x80 byte and the 8-byte length). */
export function sha256Cycles(bytes: number): number {
  return Math.ceil((bytes + 9) / 64) * SHA256_BLOCK_CYCLES;
}
