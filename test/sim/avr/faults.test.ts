// Firmware faults on the AVR mote (issue 14, "Bad input"): a runaway or a crashed stack becomes a
// 'firmware fault' trap with the AVR's pc; the mote stops, the host never sees an exception.

import { describe, expect, it } from 'vitest';
import { AvrVm, WATCHDOG_CYCLES } from '../../../sim/avr/avr-vm.js';
import { firmwareImage, type FirmwareImage } from '../../../sim/avr/image.js';
import { capsule } from '../../vm/helpers.js';
import { RecordingHost } from './differential.js';

/** The committed image with one word of vm_exec replaced. */
function patched(word: number): FirmwareImage {
  const image = firmwareImage();
  const flash = image.flash.slice();
  flash[image.record.vmExecWord] = word;
  return { flash, record: image.record };
}

const once = { ...capsule('pushc 1', 'putled', 'halt'), type: 'once' as const };

describe('a firmware fault', () => {
  it('is a trap with the pc of the runaway loop when no instruction boundary comes for the watchdog period', () => {
    const host = new RecordingHost(3, [1], [[], []]);
    const vm = new AvrVm(host, { image: patched(0xcfff) }); // rjmp .-2: vm_exec spins on itself
    vm.install(once);
    expect(() => vm.run(10 * WATCHDOG_CYCLES)).not.toThrow();
    expect(host.log).toContain(`trap  pc ${firmwareImage().record.vmExecWord * 2}: firmware fault`);
    expect(vm.faulted).toBe(true);
    expect(vm.faultReason).toMatch(/watchdog/);
  });

  it('stops the mote: later events and runs do nothing, and a reboot brings it back', () => {
    const host = new RecordingHost(3, [1], [[], []]);
    const vm = new AvrVm(host, { image: patched(0xcfff) });
    vm.install(once);
    vm.run(10 * WATCHDOG_CYCLES);
    const logged = host.log.length;
    vm.fireClock();
    vm.deliver(Uint8Array.of(1, 2), 2, 4);
    expect(vm.run(1000)).toBe(0);
    expect(vm.ready).toBe(false);
    expect(host.log).toHaveLength(logged);
    vm.reboot();
    expect(vm.faulted).toBe(false);
  });

  it('is a trap, not an exception, when the stack runs into the statics', () => {
    const host = new RecordingHost(3, [1], [[], []]);
    const vm = new AvrVm(host);
    vm.install({ ...capsule('pushc 1', 'pop', 'halt'), type: 'clock' as const });
    vm.cpu.dataView.setUint16(93, firmwareImage().record.bssEnd - 40, true); // SP into .bss
    vm.fireClock();
    expect(() => vm.run(1e6)).not.toThrow();
    expect(host.log.some((line) => line.endsWith('firmware fault'))).toBe(true);
  });
});
