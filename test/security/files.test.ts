// Corrupt input files (issue 9): every reader the CLI feeds from a file (capsule files, traces,
// topology files, sensor traces, the snapshot scenario's topology, events and delays, key files) is
// fuzzed with random text, random bytes and mutations of a valid file. None throws; each failure is
// one line that names the file, and the line for line-based formats.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCapsuleFile, writeCapsuleFile } from '../../assembler/capsule-file.js';
import { parseDelays, parseSnapshotEvents, parseSnapshotTopology } from '../../capsules/snapshot/scenario.js';
import { parseSensorTrace, seededSignal } from '../../sim/network/signal.js';
import { encodeTrace, readTrace } from '../../sim/network/trace.js';
import { privatePem, readKey } from '../../sim/security/index.js';
import { parseTopologyFile } from '../../sim/world/topology-file.js';
import { shippedCapsule } from '../../cli/paths.js';
import { capsule } from '../sim/dissemination/capsules.js';
import { BASE, signed } from './keys.js';

const RUNS = 150;
const p1p2p3 = (ext: string): string => readFileSync(shippedCapsule(`snapshot/p1p2p3.${ext}`), 'utf8');
const topology = parseSnapshotTopology(p1p2p3('top'), 'p.top');
if (!topology.ok) throw new Error(topology.error);

/** Words a line-based file might hold, and some that should never be there. */
const word = fc.oneof(
  fc.constantFrom('link', 'send', 'snapshot', 'tick', '*', '#', 'N1', 'N2', 'N3', '0', '1', '-1', '1e999', 'NaN', '0.5', '1023', '1024', '99999999999', '3', '10000'),
  fc.string({ maxLength: 6 }),
);
const line = fc.array(word, { maxLength: 6 }).map((w) => w.join(' '));
const text = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.array(line, { maxLength: 12 }).map((l) => l.join('\n')),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
);
/** A valid text with one line replaced, cut short, or with bytes spliced in. */
function mutated(valid: string): fc.Arbitrary<string> {
  const lines = valid.split('\n');
  return fc.oneof(
    fc.tuple(fc.nat(lines.length - 1), line).map(([i, l]) => lines.map((x, j) => (j === i ? l : x)).join('\n')),
    fc.nat(valid.length).map((n) => valid.slice(0, n)),
    fc.tuple(fc.nat(valid.length), fc.string({ maxLength: 8 })).map(([n, s]) => valid.slice(0, n) + s + valid.slice(n)),
  );
}

type Outcome = { ok: true } | { ok: false; error: string };

/** Never throws; a failure is one line starting "file:" (and "file:LINE: " for line formats, LINE in range). */
function expectOneLine(result: () => Outcome, file: string, input: string | null): void {
  const r = result();
  if (r.ok) return;
  expect(r.error.includes('\n'), r.error).toBe(false);
  expect(r.error.startsWith(`${file}:`), r.error).toBe(true);
  if (input === null) return;
  const m = /^[^:]+:(\d+): ./.exec(r.error);
  expect(m, r.error).not.toBeNull();
  expect(Number(m?.[1])).toBeGreaterThanOrEqual(1);
  expect(Number(m?.[1])).toBeLessThanOrEqual(input.split(/\r?\n/).length + 1);
}

describe('line-based files, fuzzed', () => {
  const topo = '0 0 0\n1 10 0\n2 20 0\nlink 0 1 0.9\n';
  const sensors = '0 * 1 500\n1.5 2 1 600 # a comment\n';
  const cases: { name: string; valid: string; parse: (t: string) => Outcome }[] = [
    { name: 'a topology file', valid: topo, parse: (t) => parseTopologyFile(t, 'f.top') },
    { name: 'a sensor trace', valid: sensors, parse: (t) => parseSensorTrace(t, 'f.top', seededSignal(1)) },
    { name: 'a snapshot topology', valid: p1p2p3('top'), parse: (t) => parseSnapshotTopology(t, 'f.top') },
    { name: 'a snapshot event file', valid: p1p2p3('events'), parse: (t) => parseSnapshotEvents(t, 'f.top', topology.value) },
    { name: 'a delays file', valid: p1p2p3('delays'), parse: (t) => parseDelays(t, 'f.top') },
  ];
  for (const c of cases) {
    it(`${c.name}: random and mutated text gives a result or one line naming file and line (${2 * RUNS} inputs)`, () => {
      expect(c.parse(c.valid).ok).toBe(true);
      fc.assert(fc.property(fc.oneof(text, mutated(c.valid)), (t) => expectOneLine(() => c.parse(t), 'f.top', t)), { numRuns: 2 * RUNS });
    });
  }
});

describe('binary and PEM files, fuzzed', () => {
  it(`a capsule file: random bytes and byte-mutated files give a capsule or one line naming the file (${2 * RUNS} inputs)`, () => {
    const valid = writeCapsuleFile(capsule(40, 3), 'src', signed(capsule(40, 3)).signature);
    expect(readCapsuleFile(valid, 'f.cap').ok).toBe(true);
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(valid.length)).map(([at, v, cut]) => {
        const b = valid.slice(0, Math.max(cut, at + 1));
        b[at] = v;
        return b;
      }),
    );
    fc.assert(fc.property(bytes, (b) => expectOneLine(() => readCapsuleFile(b, 'f.cap'), 'f.cap', null)), { numRuns: 2 * RUNS });
  });

  it(`a trace file: random bytes and byte-mutated traces give records or one line naming the file and the record (${2 * RUNS} inputs)`, () => {
    const valid = encodeTrace([
      { t: 0, e: 'boot', m: 0 },
      { t: 5, e: 'install', m: 0, capsule: 'x', type: 'clock', version: 1 },
      { t: 9, e: 'note', m: 1, note: 'reject', detail: 4 },
    ]);
    expect(readTrace(valid, 'f.cbor').ok).toBe(true);
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(valid.length)).map(([at, v, cut]) => {
        const b = valid.slice(0, Math.max(cut, at + 1));
        b[at] = v;
        return b;
      }),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        const r = readTrace(b, 'f.cbor');
        expectOneLine(() => r, 'f.cbor', null);
        if (!r.ok) expect(r.error).toMatch(/^f\.cbor: (record \d+ |empty|not )/);
      }),
      { numRuns: 2 * RUNS },
    );
  });

  it(`a key file: random and mutated PEM text gives a key or one line naming the file and line (${2 * RUNS} inputs)`, () => {
    const valid = privatePem(BASE.privateKey);
    fc.assert(fc.property(fc.oneof(text, mutated(valid)), (t) => expectOneLine(() => readKey(t, 'f.key'), 'f.key', null)), { numRuns: 2 * RUNS });
  });
});
