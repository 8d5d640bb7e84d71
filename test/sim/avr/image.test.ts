import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firmwareImage, firmwareSourceHash, parseIntelHex } from '../../../sim/avr/image.js';
import { compareWithCommitted } from '../../../tools/firmware/build.js';

function hasAvrGcc(): boolean {
  try {
    execFileSync('avr-gcc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('the committed firmware image', () => {
  it('was built from the firmware sources as they are now (run npm run firmware when this fails)', () => {
    expect(firmwareImage().record.sourceHash).toBe(firmwareSourceHash());
  });

  it('has its entry at 0 and vm_exec, vm_pick inside the program', () => {
    const { flash, record } = firmwareImage();
    expect(flash[0]).toBe(0x940c); // jmp: the reset vector
    expect(record.vmExecWord).toBeGreaterThan(0);
    expect(record.vmPickWord * 2).toBeLessThan(record.flashBytes);
    expect(record.bssEnd).toBeLessThan(0x1100);
  });

  it.runIf(hasAvrGcc())('is what avr-gcc builds from the sources, byte for byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mote-firmware-test-'));
    try {
      expect(compareWithCommitted(dir)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('parseIntelHex', () => {
  it('reads data records at their addresses and stops at the end record', () => {
    const flash = parseIntelHex(':0400100001020304E2\n:00000001FF\n:0100000055AA\n', 16);
    expect(Array.from(new Uint8Array(flash.buffer).subarray(16, 20))).toEqual([1, 2, 3, 4]);
    expect(new Uint8Array(flash.buffer)[0]).toBe(0);
  });

  it('rejects a record with a bad checksum', () => {
    expect(() => parseIntelHex(':0400100001020304E3\n', 16)).toThrow(/checksum/);
  });
});
