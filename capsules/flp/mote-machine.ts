// One mote of the FLP explorer as a state machine whose every step runs the capsules on a real VM.
// A step is the FLP paper's event: the null event that starts the mote (its clock context), or one
// message [t, v] delivered and its receive context run to completion. Local states are interned by
// what the VM holds that can matter later (heap, shared variable, contexts), with the absolute step
// cut down to its parity (report step or proposal step): the configuration keeps steps relative to
// the other motes, and the capsules only compare steps, add one and test the low bit, so a transition
// seen once holds at any step of the same parity. Transitions are memoized; to make one the first
// time, a fresh VM replays the events that first led to the state.

import type { Capsule, ContextName } from '../../vm/capsule.js';
import type { TrapRecord, VmHost } from '../../vm/host.js';
import type { VmSnapshot } from '../../vm/inspect.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { Vm } from '../../vm/vm.js';
import { BROADCAST, bytesToWords, wordsToBytes } from '../../sim/algo/tick-network.js';
import { flpConfig, HEAP, readMote, type MoteView } from './protocol.js';

/** A handler that runs longer than this is a bug in the capsules, not a protocol step. */
const RUNAWAY_CYCLES = 50_000_000;
const RUN_SLICE = 1_000_000;

export interface Sent {
  /** The message's step, relative to the sender's step before the event. */
  readonly step: number;
  readonly value: number;
}

export interface Transition {
  readonly next: number;
  /** Steps the mote moved on. */
  readonly advanced: number;
  /** Broadcasts, in the order sent: each goes to every other mote. */
  readonly sent: readonly Sent[];
}

type Event = { readonly kind: 'start' } | { readonly kind: 'message'; readonly step: number; readonly value: number };

interface LocalState {
  /** With the step's parity only: the configuration holds the real step. */
  readonly view: MoteView;
  /** The VM's step after the recipe. */
  readonly step: number;
  readonly input: number;
  /** The events that first led here, with absolute steps, replayed to rebuild the VM. */
  readonly recipe: readonly Event[];
}

/** The capsules trapped, sent somewhere other than everybody, or never finished: a bug, not a step. */
export class CapsuleFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CapsuleFault';
  }
}

export class MoteMachine {
  private readonly states: LocalState[] = [];
  private readonly ids = new Map<string, number>();
  private readonly memo = new Map<string, Transition>();
  /** VMs booted to make transitions (the cost of the exploration in VM runs). */
  vmRuns = 0;

  constructor(
    private readonly capsules: readonly Capsule[],
    private readonly motes: number,
    private readonly profile?: CostProfile,
  ) {}

  get size(): number {
    return this.states.length;
  }

  /** The local state of a mote that has not started, with this input. */
  initial(input: number): number {
    return this.run(input, [], []).next;
  }

  /** The mote's view in a local state; its step is only the parity (the configuration holds the real one). */
  view(local: number): MoteView {
    return this.states[local].view;
  }

  start(local: number): Transition {
    return this.memoized(`${local}s`, local, { kind: 'start' });
  }

  /** Deliver [step + offset, value] to a mote in this local state, offset relative to its step. */
  deliver(local: number, offset: number, value: number): Transition {
    const state = this.states[local];
    return this.memoized(`${local}m${offset},${value}`, local, { kind: 'message', step: state.step + offset, value });
  }

  private memoized(key: string, local: number, event: Event): Transition {
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const state = this.states[local];
    const t = this.run(state.input, state.recipe, [event]);
    this.memo.set(key, t);
    return t;
  }

  private run(input: number, recipe: readonly Event[], extra: readonly Event[]): Transition {
    this.vmRuns++;
    const sent: Sent[] = [];
    const mote = this.boot(input, sent);
    for (const e of recipe) mote.apply(e);
    const from = readMote(mote.vm.inspect()).step;
    sent.length = 0;
    for (const e of extra) mote.apply(e);
    const after = mote.vm.inspect();
    const view = readMote(after);
    const key = stateKey(after);
    let next = this.ids.get(key);
    if (next === undefined) {
      next = this.states.length;
      this.ids.set(key, next);
      this.states.push({ view: { ...view, step: view.step & 1 }, step: view.step, input, recipe: [...recipe, ...extra] });
    }
    return { next, advanced: view.step - from, sent: sent.map((s) => ({ step: s.step - from, value: s.value })) };
  }

  private boot(input: number, sent: Sent[]): { vm: Vm; apply: (e: Event) => void } {
    const traps: TrapRecord[] = [];
    const pending: ContextName[] = [];
    const host: VmHost = {
      moteId: 0,
      now: () => 0,
      random16: () => 0,
      setLeds: () => {},
      startSense: () => false,
      startSend: (context, dest, payload, length) => {
        if (dest !== BROADCAST) throw new CapsuleFault(`the capsules sent to ${dest}; the protocol only broadcasts`);
        const [step, value] = bytesToWords(payload, length);
        sent.push({ step, value });
        pending.push(context);
        return true;
      },
      startForward: () => false,
      setClockPeriod: () => {},
      trap: (record) => traps.push(record),
    };
    const vm = new Vm(host, { profile: this.profile });
    const settle = (): void => {
      const start = vm.cycles;
      for (;;) {
        vm.run(RUN_SLICE);
        while (pending.length > 0) vm.sendDone(pending.shift() as ContextName);
        if (traps.length > 0) {
          const t = traps[0];
          throw new CapsuleFault(`capsule ${t.capsule} trapped at pc ${t.pc}: ${t.reason}`);
        }
        if (!vm.ready) return;
        if (vm.cycles - start > RUNAWAY_CYCLES) throw new CapsuleFault(`a handler ran past ${RUNAWAY_CYCLES} cycles`);
      }
    };
    for (const capsule of this.capsules) vm.install(capsule);
    vm.install(flpConfig(input, this.motes, 'async'));
    settle();
    const apply = (e: Event): void => {
      if (e.kind === 'start') vm.fireClock();
      else {
        const bytes = wordsToBytes([e.step, e.value]);
        vm.deliver(bytes, bytes.length, 0);
      }
      settle();
    };
    return { vm, apply };
  }
}

/**
 * Everything in the VM that can change what the mote does next, as a string: the heap with only the
 * parity of the step, the shared variable, and each context's state (with pc and stacks when it is not
 * idle; the clock's operand stack always, as it persists). The message buffers and the last source
 * are not in it: the next delivery overwrites them before anything reads them.
 */
export function stateKey(s: VmSnapshot): string {
  const heap = s.heap.map((o, n) => (n === HEAP.step ? o.value & 1 : `${o.type[0]}${o.value}`)).join(',');
  const contexts = s.contexts.map((c) => {
    const stack = c.name === 'clock' || c.state !== 'idle' ? c.stack.map((o) => `${o.type[0]}${o.value}`).join(' ') : '';
    const frame = c.state === 'idle' ? '' : `${c.capsule}@${c.pc}/${c.returnStack.map((r) => `${r.capsule}@${r.pc}`).join(' ')}`;
    return `${c.state[0]}${frame}[${stack}]`;
  });
  return `${heap};${s.shared.type[0]}${s.shared.value};${contexts.join(';')}`;
}
