// `npm run firmware [-- --check]`: regenerates firmware/vm_tables.h from the opcode table, compiles
// firmware/*.c with avr-gcc for the Mica's ATmega128 at 4 MHz, and writes the image
// (firmware/build/mote.hex) and its record (firmware/build/mote.json: the hash of the sources it
// came from, the toolchain, the flags, the addresses the AVR mote needs). With --check it builds into
// a temporary folder and fails when the image or the record differs from the committed ones.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIRMWARE_DIR, FIRMWARE_FLAGS, MEASURED_FUNCTIONS, firmwareSourceHash, firmwareSources } from '../../sim/avr/image.js';
import { firmwareHeader } from './header.js';
import { writeLeanTable } from './lean-table.js';

const firmwareDir = FIRMWARE_DIR;
const committedDir = join(firmwareDir, 'build');

function run(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Compile firmware/*.c into dir: mote.hex and its record mote.json. */
export function buildFirmware(dir: string): void {
  const elf = join(dir, 'mote.elf');
  const sources = firmwareSources(firmwareDir).filter((name) => name.endsWith('.c')).map((name) => join(firmwareDir, name));
  run('avr-gcc', [...FIRMWARE_FLAGS, '-o', elf, ...sources]);
  run('avr-objcopy', ['-O', 'ihex', '-R', '.eeprom', elf, join(dir, 'mote.hex')]);
  const symbols: Record<string, number> = {};
  for (const line of run('avr-nm', [elf]).split('\n')) {
    const [address, , name] = line.trim().split(/\s+/);
    if (name !== undefined) symbols[name] = parseInt(address, 16);
  }
  // Functions the bench times (bench/fidelity-measure.ts), as word addresses.
  const functions = Object.fromEntries(MEASURED_FUNCTIONS.map((name) => [name, symbols[name] / 2]));
  const [textBytes, dataBytes, bssBytes] = run('avr-size', [elf]).split('\n')[1].trim().split(/\s+/).map(Number);
  const record = {
    sourceHash: firmwareSourceHash(firmwareDir),
    toolchain: run('avr-gcc', ['--version']).split('\n')[0],
    flags: FIRMWARE_FLAGS.join(' '),
    // vm_exec is a word address in flash (the AVR pc); __bss_end a data address (the stack must stay above it).
    vmExecWord: symbols.vm_exec / 2,
    vmPickWord: symbols.vm_pick / 2,
    bssEnd: symbols.__bss_end & 0xffff,
    functions,
    flashBytes: textBytes + dataBytes,
    staticRamBytes: dataBytes + bssBytes,
  };
  writeFileSync(join(dir, 'mote.json'), `${JSON.stringify(record, null, 2)}\n`);
}

/** Build into dir and compare with the committed image; the first difference, or null when none. */
export function compareWithCommitted(dir: string): string | null {
  buildFirmware(dir);
  for (const name of ['mote.hex', 'mote.json']) {
    if (readFileSync(join(dir, name), 'utf8') !== readFileSync(join(committedDir, name), 'utf8'))
      return `firmware/build/${name} differs from a fresh build: run npm run firmware and commit it`;
  }
  return null;
}

export function firmwareMain(check: boolean): number {
  const header = firmwareHeader();
  const headerPath = join(firmwareDir, 'vm_tables.h');
  if (check) {
    if (readFileSync(headerPath, 'utf8') !== header) {
      process.stderr.write('firmware/vm_tables.h differs from the opcode table: run npm run firmware\n');
      return 1;
    }
    const dir = mkdtempSync(join(tmpdir(), 'mote-firmware-'));
    try {
      const difference = compareWithCommitted(dir);
      if (difference !== null) {
        process.stderr.write(`${difference}\n`);
        return 1;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    process.stdout.write('firmware: the committed image matches its sources\n');
    return 0;
  }
  writeFileSync(headerPath, header);
  buildFirmware(committedDir);
  rmSync(join(committedDir, 'mote.elf'));
  writeLeanTable();
  process.stdout.write('firmware: firmware/build/mote.hex and mote.json rebuilt, vm/lean-costs.ts measured on it\n');
  return 0;
}

