// The capsules on n plain VMs with nothing memoized or merged: every event runs, messages keep their
// sender and stale ones stay in flight until delivered (the capsules must ignore them). Used to check
// that the explorer's graph and valency hold for real runs, and to replay the adversary's schedule.

import { HEAP, SKEW, flpConfig, readMote } from '../../../capsules/flp/protocol.js';
import type { ContextName } from '../../../vm/capsule.js';
import type { VmHost } from '../../../vm/host.js';
import { Vm } from '../../../vm/vm.js';
import { flpCapsules, observableKey, type ObservedMessage } from './helpers.js';

export interface RawMessage extends ObservedMessage {
  readonly src: number;
}

export type RawEvent = { kind: 'start'; mote: number } | { kind: 'deliver'; index: number } | { kind: 'crash'; mote: number };

export class RawRun {
  readonly vms: Vm[];
  readonly leds: number[];
  messages: RawMessage[] = [];
  crashed = -1;
  private readonly pending: ContextName[][];

  constructor(readonly inputs: readonly number[]) {
    const n = inputs.length;
    this.leds = inputs.map(() => 0);
    this.pending = inputs.map(() => []);
    this.vms = inputs.map((input, i) => {
      const host: VmHost = {
        moteId: i,
        now: () => 0,
        random16: () => 0,
        setLeds: (leds) => {
          this.leds[i] = leds;
        },
        startSense: () => false,
        startSend: (context, _dest, payload) => {
          const step = payload[0] | (payload[1] << 8);
          for (let j = 0; j < n; j++) if (j !== i && j !== this.crashed) this.messages.push({ src: i, dst: j, step: (step << 16) >> 16, value: payload[2] });
          this.pending[i].push(context);
          return true;
        },
        startForward: () => false,
        setClockPeriod: () => {},
        trap: (record) => {
          throw new Error(`mote ${i} trapped: ${record.reason} in ${record.capsule} at ${record.pc}`);
        },
      };
      const vm = new Vm(host);
      for (const c of flpCapsules()) vm.install(c);
      vm.install(flpConfig(input, n, 'async'));
      return vm;
    });
    this.vms.forEach((_, i) => this.settle(i));
  }

  get steps(): number[] {
    return this.vms.map((vm) => vm.inspect().heap[HEAP.step].value);
  }

  /** Every event that can happen (the skew bound is the caller's: see withinSkew). */
  enabled(): RawEvent[] {
    const events: RawEvent[] = [];
    this.vms.forEach((vm, i) => {
      if (i !== this.crashed && vm.inspect().heap[HEAP.started].value === 0) events.push({ kind: 'start', mote: i });
    });
    this.messages.forEach((_, index) => events.push({ kind: 'deliver', index }));
    if (this.crashed < 0) this.vms.forEach((_, mote) => events.push({ kind: 'crash', mote }));
    return events;
  }

  /** No live mote is more than SKEW steps ahead of another: the runs the explorer covers. */
  withinSkew(): boolean {
    const live = this.steps.filter((_, i) => i !== this.crashed);
    return Math.max(...live) - Math.min(...live) <= SKEW;
  }

  apply(e: RawEvent): void {
    if (e.kind === 'crash') {
      this.crashed = e.mote;
      this.messages = this.messages.filter((m) => m.dst !== e.mote);
    } else if (e.kind === 'start') {
      this.vms[e.mote].fireClock();
      this.settle(e.mote);
    } else {
      const [m] = this.messages.splice(e.index, 1);
      this.vms[m.dst].deliver(Uint8Array.of(m.step & 0xff, (m.step >> 8) & 0xff, m.value, 0), 4, m.src);
      this.settle(m.dst);
    }
  }

  /** Decisions read from the heap, one per mote (-1: none). */
  decisions(): number[] {
    return this.vms.map((vm) => readMote(vm.inspect()).decision);
  }

  key(collapse: boolean): string {
    const motes = this.vms.map((vm) => readMote(vm.inspect()));
    return observableKey(motes, this.crashed, this.messages, collapse);
  }

  private settle(i: number): void {
    const vm = this.vms[i];
    for (let guard = 0; guard < 1000; guard++) {
      vm.run(1_000_000);
      const pending = this.pending[i];
      while (pending.length > 0) vm.sendDone(pending.shift() as ContextName);
      if (!vm.ready) return;
    }
    throw new Error(`mote ${i} never finished its handler`);
  }
}
