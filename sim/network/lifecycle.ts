// Power cycles of a mote: boot, crash (power lost), reboot (RAM lost, flash kept: the VM reinstalls
// what flash holds and the protocol's boot() runs again), and death when the battery runs dry. Every
// one bumps the mote's epoch, so events of its earlier life are dropped when they pop.

import { abortTransmission, stopJam } from './channel.js';
import { clearReceiveQueue } from './receive-queue.js';
import { forgetSequences } from './reliable.js';
import type { World } from './world.js';
import { watchBattery } from './battery.js';
import { SLEEP_SUSPEND } from './cpu.js';
import { hostOf, vmOf } from './host.js';
import { MAC_IDLE, radioOn, setSleep } from './mac.js';
import { COMPONENTS } from './power.js';
import { RADIO_OFF } from './radio.js';
import { wakeVm } from './scheduler.js';

/** Powers mote m up now. A mote whose battery is empty stays dead. */
export function boot(w: World, m: number): void {
  if (w.dead[m] === 1 || w.alive[m] === 1) return;
  const now = w.now;
  w.alive[m] = 1;
  w.bumpEpoch(m);
  w.bumpClockGen(m);
  w.bumpTimerGen(m);
  w.setCpuFreeAt(m, now);
  w.setVmPending(m, 0);
  w.clockPeriod[m] = 0;
  w.setClockNext(m, Infinity);
  w.setClockTaskPending(m, 0);
  w.mac[m] = MAC_IDLE;
  w.qHead[m] = 0;
  w.qCount[m] = 0;
  w.txSeq[m] = 0;
  w.tries[m] = 0;
  w.forwardWaiter[m] = 0;
  w.senseBusy[m] = 0;
  w.sensorsOn[m] = 0;
  w.forgetSamples(m);
  w.leds[m] = 0;
  w.rxFrom[m] = -1;
  w.rxCorrupt[m] = 0;
  w.radio[m] = RADIO_OFF;
  if (w.radioIdle === 'listen') radioOn(w, m, now);
  else setSleep(w, m, SLEEP_SUSPEND, now);
  if (w.tracing) w.emit({ t: now, e: 'boot', m });
  const stored = w.flash.stored(m);
  const vm = stored.length > 0 ? vmOf(w, m, w.profile) : w.vms[m];
  if (vm !== undefined) {
    vm.reboot();
    for (const capsule of stored) {
      vm.install(capsule);
      w.stats.installs++;
      if (w.tracing) w.emit({ t: now, e: 'install', m, capsule: capsule.name, type: capsule.type, version: capsule.version });
    }
  }
  if (w.protocolFactory !== undefined) {
    let protocol = w.protocols[m];
    if (protocol === undefined) {
      w.protocols[m] = protocol = w.protocolFactory(m);
      for (const type of protocol.amTypes) w.protocolTypes[type & 0xff] = 1;
    }
    protocol.boot(hostOf(w, m));
  }
  wakeVm(w, m);
  watchBattery(w, m);
}

/** Power lost now: every part stops drawing, RAM (VM state, queues, radio state) is gone. */
export function powerDown(w: World, m: number): void {
  if (w.alive[m] === 0) return;
  const now = w.now;
  abortTransmission(w, m);
  stopJam(w, m);
  w.alive[m] = 0;
  w.bumpEpoch(m);
  w.bumpClockGen(m);
  w.bumpTimerGen(m);
  for (let c = 0; c < COMPONENTS.length; c++) w.ledger.set(m, c, 0, now);
  w.radio[m] = RADIO_OFF;
  w.vms[m]?.reboot();
  clearReceiveQueue(w, m);
  w.leds[m] = 0;
  forgetSequences(w, m);
}

export function crash(w: World, m: number): void {
  if (w.alive[m] === 0) return;
  powerDown(w, m);
  w.stats.crashes++;
  if (w.tracing) w.emit({ t: w.now, e: 'crash', m });
}

/** Power-cycles m: a live mote loses its RAM, a crashed one comes back; flash is kept either way. */
export function reboot(w: World, m: number): void {
  if (w.dead[m] === 1) return;
  powerDown(w, m);
  w.stats.reboots++;
  if (w.tracing) w.emit({ t: w.now, e: 'reboot', m });
  boot(w, m);
}

/** The battery is empty: the mote stops for good. */
export function die(w: World, m: number): void {
  if (w.dead[m] === 1) return;
  powerDown(w, m);
  // Work is charged when it starts (sim/mote/power.ts); what the battery could not pay for never ran.
  const over = -w.ledger.remaining(m, w.now);
  if (over > 0) w.ledger.refund(m, over);
  w.dead[m] = 1;
  w.stats.deaths++;
  if (w.tracing) w.emit({ t: w.now, e: 'death', m });
}
