import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_START, MAILBOX, MAILBOX_ADDRESS, sizeOf, VM_RAM, VM_RAM_ADDRESS } from '../../sim/avr/layout.js';
import { FIRMWARE_DIR } from '../../sim/avr/image.js';
import { firmwareHeader } from '../../tools/firmware/header.js';
import { OPCODES } from '../../vm/opcodes.js';

describe('the firmware header', () => {
  it('is what the generator makes from the opcode table today (run npm run firmware when this fails)', () => {
    expect(readFileSync(join(FIRMWARE_DIR, 'vm_tables.h'), 'utf8')).toBe(firmwareHeader());
  });

  it('names every opcode with its first byte', () => {
    const header = firmwareHeader();
    for (const row of OPCODES) expect(header).toMatch(new RegExp(`#define OP_${row.name.toUpperCase()} +0x${row.code.toString(16).padStart(2, '0')} `));
  });

  it('lays the mailbox and the VM RAM out so that neither runs into the next', () => {
    expect(MAILBOX_ADDRESS + sizeOf(MAILBOX)).toBeLessThanOrEqual(VM_RAM_ADDRESS);
    expect(VM_RAM_ADDRESS + sizeOf(VM_RAM)).toBeLessThanOrEqual(DATA_START);
  });
});
