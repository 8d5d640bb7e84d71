// The text of `mote bench cycles` under its table of medians: (a) primitives, (b) operations and
// (c) capsules, each beside the published figures, with the ratios.

import { CYCLE_NS } from '../../sim/network/cpu.js';
import { COST_PROFILES } from '../../vm/opcodes.js';
import type { CapsuleRow, OpRow, PrimitiveRow } from './cycles-figures.js';
import { SEED_EVENT_MICROSECONDS } from './references.js';
import { blockTable, num, textTable, type Cell } from './text-table.js';

const PRIMITIVE_LABELS: Readonly<Record<PrimitiveRow['name'], string>> = {
  post: 'post a task',
  contextSwitch: 'context switch',
  interruptHardware: 'interrupt, hardware',
  interruptSoftware: 'interrupt, software',
  interrupt: 'interrupt, both',
  postAndSwitch: 'post and switch',
  byteCopy: 'byte copy',
  eventThroughStack: 'event through the stack',
};

export function primitiveLabel(name: PrimitiveRow['name']): string {
  return PRIMITIVE_LABELS[name];
}

export function primitiveNotes(rows: readonly PrimitiveRow[], latencyNs: number, movmByteCopy: number): string[] {
  const bound = (r: PrimitiveRow): string => (r.name === 'eventThroughStack' ? `< ${r.seed}` : String(r.seed));
  const cycles = (name: PrimitiveRow['name']): number => rows.find((r) => r.name === name)?.cycles ?? Number.NaN;
  const parts = rows.filter((r) => !r.measured).reduce((a, r) => a + r.cycles, 0);
  const sums = cycles('interrupt') + cycles('postAndSwitch');
  return [
    '(a) TinyOS primitives on the emulated mote, beside the seed (SPEC 3, SPEC 4)',
    ...textTable(
      ['primitive', 'cycles', 'us', 'seed', 'seed us', 'how'],
      rows.map((r) => [
        PRIMITIVE_LABELS[r.name],
        r.cycles,
        num(r.microseconds, 4),
        bound(r),
        r.name === 'eventThroughStack' ? `< ${SEED_EVENT_MICROSECONDS}` : num((r.seed * CYCLE_NS) / 1000, 4),
        r.how,
      ]),
    ),
    `    the four parts add up to ${parts}; measured: interrupt ${cycles('interrupt')} + post and switch ` +
      `${cycles('postAndSwitch')} = ${sums}, the event path ${cycles('eventThroughStack')}`,
    `    timer to handler: ` +
      `${num(latencyNs / 1000, 4)} us (the CPU's 1 us wake from idle, then the path): ` +
      `${latencyNs / 1000 < SEED_EVENT_MICROSECONDS ? 'under' : 'NOT under'} ${SEED_EVENT_MICROSECONDS} us`,
    `    the VM's movm copies a received message at ${num(movmByteCopy)} cycles a byte`,
  ];
}

const ratio = (x: number | null): string => (x === null ? '-' : x.toFixed(x < 10 ? 2 : 1));

export function opNotes(rows: readonly OpRow[]): string[] {
  const reported = rows.filter((r) => r.mate !== null);
  const moteCell = (r: OpRow): Cell => r.mote ?? null;
  const byCase = new Map<string, Partial<Record<string, OpRow>>>();
  for (const r of rows) {
    const label = r.case === undefined ? r.name : `${r.name} ${r.case}`;
    byCase.set(label, { ...byCase.get(label), [r.profile]: r });
  }
  const all = [...byCase.entries()].map(([label, p]): Cell[] => [
    label,
    ...COST_PROFILES.map((profile) => p[profile]?.dispatch ?? p[profile]?.cycles ?? null),
    p.lean?.spec ?? null,
  ]);
  return [
    '(b) VM operations beside Maté (ASPLOS 2002, SPEC 7); split-phase: issue to resume, as Maté timed it',
    ...textTable(
      ['op', 'profile', 'cycles', 'Maté', 'native', 'vs Maté', 'vs native', 'on the mote'],
      reported.map((r) => [r.name, r.profile, r.cycles, r.mate, r.native, ratio(r.vsMate), ratio(r.vsNative), moteCell(r)]),
    ),
    '    single host: vm/single-host.ts (the ADC 396, the TinyOS 0.6 radio 665,000 cycles); on the mote: sim/ (CSMA, 7.2 ms airtime)',
    "    every operation, cycles charged per instruction (split-phase: the dispatch), beside SPEC 7's lean table:",
    ...blockTable(['op', ...COST_PROFILES, 'SPEC'], all, 3),
  ];
}

export function capsuleNotes(rows: readonly CapsuleRow[]): string[] {
  const [mate, lean] = COST_PROFILES;
  const programs = rows.filter((r) => r.kind === 'program');
  const algorithms = rows.filter((r) => r.kind === 'algorithm');
  const costCells = (r: CapsuleRow): Cell[] => {
    const p = r.profiles;
    if (p === null) return ['no mote algo runner', null, null, null, null];
    return [p[mate].cycles, p[lean].cycles, p[mate].packets, p[mate].cpuMicroJoules, p[mate].microJoules];
  };
  return [
    '(c) shipped capsules on the emulated mote, per clock firing (CPU at 4.6 mA x 3 V, radio as measured per packet)',
    ...textTable(
      ['program', 'bytes', 'instr', `cycles ${mate}`, `cycles ${lean}`, 'packets', `CPU uJ ${mate}`, `uJ ${mate}`],
      programs.map((r) => [r.name, r.bytes, r.instructions, ...costCells(r)]),
    ),
    '    algorithms (capsules/*/), per mote for one `mote algo NAME` run with its defaults (tick network, real VMs)',
    ...textTable(
      ['algorithm', 'bytes', 'instr', `cycles ${mate}`, `cycles ${lean}`, 'packets', `CPU uJ ${mate}`, `uJ ${mate}`, 'topology', 'oracle'],
      algorithms.map((r) => [r.name, r.bytes, r.instructions, ...costCells(r), r.topology ?? null, r.ok === undefined ? null : r.ok ? 'ok' : 'FAILED']),
    ),
  ];
}
