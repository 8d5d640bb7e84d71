// The TinyOS scheduler on one mote (SPEC 3): hardware events reach their handler task through the
// interrupt and post path (141 cycles), a task posted by a task pays the post and the switch (61), a
// timer interrupt whose task still waits pays the interrupt alone (80); tasks run to completion one at
// a time in FIFO order, and the CPU sleeps between them (idle or suspend, sim/mote/cpu.ts) and pays
// its wake-up time before the next.
//
// Time is never stepped: a task's length is known when it runs (the event path, plus whatever the VM
// runs in its slice), so its CPU energy is charged in one entry and the CPU is marked busy until its
// end. An event for a busy CPU is posted again at the moment the CPU frees up, so it waits its turn
// as a TinyOS task would.

import type { MoteVm as Vm } from '../../vm/mote-vm.js';
import { K_CLOCK, K_CLOCK_TASK, K_RECEIVE_NEXT, K_VM_RUN, PRIO_TASK, PRIO_VM } from './events.js';
import type { World } from './world.js';
import { CPU_ACTIVE_UA, CYCLE_NS, EVENT_PATH_CYCLES, IRQ_CYCLES, sleepCurrent, TASK_PATH_CYCLES, VM_SLICE_CYCLES, wakeNs } from './cpu.js';
import { CPU } from './power.js';

/**
 * Starts a task of `kind` on mote m at w.now: its handler begins after any wake-up and the
 * `pathCycles` that brought it there (EVENT_PATH_CYCLES from a hardware event, TASK_PATH_CYCLES when
 * a task posted it); w.moteTime(m) tells when. False when the CPU is busy: the event is then posted
 * again for when it frees up, and the caller does nothing now.
 */
export function beginTask(w: World, m: number, kind: number, arg: number, pathCycles: number): boolean {
  const now = w.now;
  const free = w.cpuFreeAt(m);
  if (free > now) {
    w.queue.push(free, kind, m, arg, kind === K_VM_RUN ? PRIO_VM : PRIO_TASK);
    return false;
  }
  const start = (free < now ? now + wakeNs(w.sleepMode(m)) : now) + pathCycles * CYCLE_NS;
  if (pathCycles > 0) w.addHostCycles(m, pathCycles);
  openTask(w, m, start);
  return true;
}

/** From here until endTask, w.moteTime(m) runs on from `start` as the VM and host charge cycles. */
export function openTask(w: World, m: number, start: number): void {
  w.taskMote = m;
  w.taskStart = start;
  const vm = w.vms[m];
  w.taskVmCycles = vm === undefined ? 0 : vm.cycles;
  w.taskHostCycles = 0;
}

/** Charges host work (byte copies) to the running task. */
export function chargeHostCycles(w: World, m: number, cycles: number): void {
  if (w.taskMote === m) w.taskHostCycles += cycles;
  w.addHostCycles(m, cycles);
}

/**
 * Ends the task begun at w.now: lets the VM run its slice if it has work, then charges the CPU as
 * active from w.now (wake-up included) to the end and marks it busy until then.
 */
export function endTask(w: World, m: number): void {
  const vm = w.vms[m];
  const vmCycles = vm !== undefined && vm.ready && w.alive[m] === 1 ? runSlice(w, m, vm) : 0;
  if (w.rxWaiting > 0 && w.rxCount[m] > 0) postReceiveNext(w, m, vm);
  const end = taskTime(w, vmCycles);
  w.taskMote = -1;
  chargeCpu(w, m, w.now, end);
}

/** Packets wait in the receive queue (sim/network/receive-queue.ts): once the receive context is idle, a task hands one over. */
function postReceiveNext(w: World, m: number, vm: Vm | undefined): void {
  if (w.rxNextPending[m] === 1 || vm === undefined || !vm.receiveIdle || w.alive[m] === 0) return;
  w.rxNextPending[m] = 1;
  w.queue.push(w.moteTime(m), K_RECEIVE_NEXT, m, w.epoch(m), PRIO_TASK);
}

function chargeCpu(w: World, m: number, from: number, to: number): void {
  if (to > from) w.ledger.charge(m, CPU, CPU_ACTIVE_UA - sleepCurrent(w.sleepMode(m)), to - from);
  if (to > w.cpuFreeAt(m)) w.setCpuFreeAt(m, to);
}

/**
 * w.moteTime(m) of the running task's mote, once its VM has run `vmCycles` in it. The VM runs only in
 * runSlice, once a task, so these are all of its cycles since openTask (see World.moteTime).
 */
function taskTime(w: World, vmCycles: number): number {
  return w.taskStart + (vmCycles + w.taskHostCycles) * CYCLE_NS;
}

/**
 * Runs the VM for at most one slice, ending early at the mote's next clock firing; returns the
 * cycles it ran. If it still has work after that, a continuation is queued behind any task posted
 * meanwhile (PRIO_VM).
 */
function runSlice(w: World, m: number, vm: Vm): number {
  const start = taskTime(w, 0);
  let budget = VM_SLICE_CYCLES;
  // A stopped clock's next firing is Infinity: no limit then.
  const toClock = Math.ceil((w.clockNext(m) - start) / CYCLE_NS);
  if (toClock > 0 && toClock < budget) budget = toClock;
  const spent = vm.run(budget);
  if (spent >= budget && vm.ready && w.vmPending(m) === 0 && w.alive[m] === 1) {
    w.setVmPending(m, 1);
    w.queue.push(taskTime(w, spent), K_VM_RUN, m, w.epoch(m), PRIO_VM);
  }
  return spent;
}

/**
 * A VM continuation (K_VM_RUN): a task the VM posted for itself. The lean interpreter pays the post and
 * the switch here; Maté's costs already hold a task per instruction (MATE_OVERHEAD, vm/opcodes.ts).
 */
export function continueVm(w: World, m: number, generation: number): void {
  if (generation !== w.epoch(m) || w.alive[m] === 0) return;
  w.setVmPending(m, 0);
  if (!beginTask(w, m, K_VM_RUN, generation, w.profile === 'lean' ? TASK_PATH_CYCLES : 0)) {
    w.setVmPending(m, 1);
    return;
  }
  w.stats.vmContinuations++;
  endTask(w, m);
}

/** Lets a VM that was waiting on hardware run again soon (a freed resource, a new capsule). */
export function wakeVm(w: World, m: number): void {
  const vm = w.vms[m];
  if (vm === undefined || !vm.ready || w.vmPending(m) === 1 || w.alive[m] === 0 || w.taskMote === m) return;
  w.setVmPending(m, 1);
  const free = w.cpuFreeAt(m);
  const t = free > w.now ? free : w.now;
  w.queue.push(t, K_VM_RUN, m, w.epoch(m), PRIO_VM);
}

/** The VM's clock context period (SPEC 7); 0 stops the clock. The timer runs at a fixed rate from here. */
export function setClock(w: World, m: number, periodNs: number): void {
  const gen = w.bumpClockGen(m);
  w.clockPeriod[m] = periodNs;
  if (periodNs <= 0) {
    w.setClockNext(m, Infinity);
    return;
  }
  const at = w.moteTime(m) + periodNs;
  w.setClockNext(m, at);
  w.queue.push(at, K_CLOCK, m, gen, PRIO_TASK);
}

/** The timer interrupt (K_CLOCK): the period is the mote's. */
export function clockInterrupt(w: World, m: number, generation: number): void {
  clockFired(w, m, generation, w.clockPeriod[m]);
}

/**
 * The timer fired (a K_CLOCK, or a re-arm from the rings, which know the period and spare a look at
 * the mote's): re-arm for the next period, then post the clock task.
 */
export function clockFired(w: World, m: number, generation: number, period: number): void {
  if (generation !== w.clockGen(m) || w.alive[m] === 0) return;
  const next = w.clockNext(m) + period;
  w.setClockNext(m, next);
  if (!w.periodic.push(period, next, m, generation)) w.queue.push(next, K_CLOCK, m, generation, PRIO_TASK);
  // One clock task waits at a time; a firing while one waits is an overrun (the VM restarts the clock
  // context at each firing anyway, so the waiting one stands for both).
  if (w.clockTaskPending(m) === 1) {
    w.stats.clockOverruns++;
    interruptOnly(w, m);
    return;
  }
  w.setClockTaskPending(m, 1);
  clockTask(w, m, w.epoch(m));
}

/** The clock task (K_CLOCK_TASK): the VM's clock context starts. */
export function clockTask(w: World, m: number, generation: number): void {
  if (generation !== w.epoch(m) || w.alive[m] === 0) return;
  if (!beginTask(w, m, K_CLOCK_TASK, generation, EVENT_PATH_CYCLES)) return;
  w.setClockTaskPending(m, 0);
  w.stats.clockTasks++;
  w.vms[m]?.fireClock();
  endTask(w, m);
}

/**
 * An interrupt whose handler posts nothing (a timer firing while its task still waits): it preempts
 * whatever runs, so a busy CPU is busy that much longer; an idle one wakes for it.
 */
function interruptOnly(w: World, m: number): void {
  const now = w.now;
  const free = w.cpuFreeAt(m);
  const from = free > now ? free : now;
  const to = from + (free > now ? 0 : wakeNs(w.sleepMode(m))) + IRQ_CYCLES * CYCLE_NS;
  w.addHostCycles(m, IRQ_CYCLES);
  chargeCpu(w, m, from, to);
}
