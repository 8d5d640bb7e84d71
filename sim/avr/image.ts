// The firmware image the AVR mote runs: firmware/build/mote.hex (Intel HEX) and its record
// mote.json, both committed so that neither install nor tests need an AVR toolchain. The source
// hash ties them to firmware/*.c and *.h; a test recomputes it (test/sim/avr/image.test.ts).

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** avr-gcc 5.4 for the Mica's ATmega128 at 4 MHz; .data after the mailbox and the VM's RAM (layout.ts). */
export const FIRMWARE_FLAGS: readonly string[] = [
  '-std=gnu99', '-Os', '-mmcu=atmega128', '-DF_CPU=4000000UL', '-Wall', '-Wextra', '-Werror',
  '-Wl,--section-start=.data=0x800500',
];

/** Firmware functions whose word addresses the record keeps, for measurements: INT0's and TIMER1 COMPA's handlers, the scheduler, the tasks. */
export const MEASURED_FUNCTIONS = ['__vector_1', '__vector_12', 'post', 'next_task', 'vm_run', 'apply_event', 'fire_clock'] as const;

export interface FirmwareRecord {
  readonly sourceHash: string;
  readonly toolchain: string;
  readonly flags: string;
  /** Word address of vm_exec: one VM instruction starts each time the pc reaches it. */
  readonly vmExecWord: number;
  /** Word address of vm_pick: the firmware is between two VM instructions there (the AVR mote pauses there). */
  readonly vmPickWord: number;
  /** First free data address past the statics: the stack must stay above it. */
  readonly bssEnd: number;
  /** Word addresses of MEASURED_FUNCTIONS. */
  readonly functions: Readonly<Record<(typeof MEASURED_FUNCTIONS)[number], number>>;
  readonly flashBytes: number;
  readonly staticRamBytes: number;
}

export interface FirmwareImage {
  /** Program memory, 64 Ki words. */
  readonly flash: Uint16Array;
  readonly record: FirmwareRecord;
}

/** firmware/, found upward from this file (from source under vitest, or from dist/). */
function findFirmware(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'firmware', 'build', 'mote.json'))) return join(dir, 'firmware');
    if (dirname(dir) === dir) return join(start, 'firmware');
  }
}

export const FIRMWARE_DIR = findFirmware(dirname(fileURLToPath(import.meta.url)));

/** The firmware's source files, sorted: what the hash covers. */
export function firmwareSources(dir = FIRMWARE_DIR): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.c') || name.endsWith('.h')).sort();
}

/** sha256 over the flags and every source file's name and bytes. */
export function firmwareSourceHash(dir = FIRMWARE_DIR): string {
  const hash = createHash('sha256');
  hash.update(FIRMWARE_FLAGS.join(' '));
  for (const name of firmwareSources(dir)) {
    hash.update(`\0${name}\0`);
    hash.update(readFileSync(join(dir, name)));
  }
  return hash.digest('hex');
}

/** Intel HEX records (types 00 data, 01 end, 02/04 segment and linear bases) into program memory. */
export function parseIntelHex(text: string, words = 0x10000): Uint16Array {
  const flash = new Uint16Array(words);
  const bytes = new Uint8Array(flash.buffer);
  let base = 0;
  for (const [n, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '') continue;
    if (!/^:([0-9A-Fa-f]{2})+$/.test(line)) throw new Error(`mote.hex line ${n + 1}: not an Intel HEX record`);
    const record = Buffer.from(line.slice(1), 'hex');
    const count = record[0];
    const address = (record[1] << 8) | record[2];
    const type = record[3];
    const sum = record.reduce((s, b) => s + b, 0) & 0xff;
    if (record.length !== count + 5 || sum !== 0) throw new Error(`mote.hex line ${n + 1}: bad length or checksum`);
    if (type === 0) bytes.set(record.subarray(4, 4 + count), base + address);
    else if (type === 1) break;
    else if (type === 2) base = ((record[4] << 8) | record[5]) << 4;
    else if (type === 4) base = ((record[4] << 8) | record[5]) << 16;
  }
  return flash;
}

let cached: FirmwareImage | undefined;

/** The committed image, read once. */
export function firmwareImage(): FirmwareImage {
  if (cached === undefined) {
    const record = JSON.parse(readFileSync(join(FIRMWARE_DIR, 'build', 'mote.json'), 'utf8')) as FirmwareRecord;
    cached = { flash: parseIntelHex(readFileSync(join(FIRMWARE_DIR, 'build', 'mote.hex'), 'utf8')), record };
  }
  return cached;
}
