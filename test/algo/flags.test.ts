// `mote algo`'s flags come from the algorithm folders (issue 17): which flag applies to which
// algorithm, what the help says of it, the examples, and the checks against the layout are what each
// capsules/<name>/index.ts declares; cli/commands/algo.ts names no algorithm.

import { describe, expect, it } from 'vitest';
import { ALGORITHMS, runAlgorithm } from '../../cli/commands/algo.js';
import { UserError } from '../../cli/io.js';
import { shippedAlgorithm } from '../../capsules/registry.js';
import { AlgoInputError, type AlgoFlags, type AlgorithmDefinition } from '../../sim/algo/contract.js';
import { mote } from '../cli/helpers.js';

/** A value each declared flag accepts. */
const VALUES: Readonly<Record<string, string>> = {
  '--timing': 'sync', '--f': '1', '--crashes': '1', '--values': '2', '--ring-order': 'best', '--steps': '3', '--snapshots': '1', '--beacon-period': '10',
  '--fail': '1', '--fail-at': '5', '--reading-period': '1', '--epochs': '1', '--sources': '1', '--threshold': '100', '--interval': '2', '--interest-period': '12',
};
const KEYS: Readonly<Record<string, keyof AlgoFlags>> = {
  '--timing': 'timing', '--f': 'f', '--crashes': 'crashes', '--values': 'values', '--ring-order': 'ringOrder', '--steps': 'steps', '--snapshots': 'snapshots', '--beacon-period': 'beaconPeriod',
  '--fail': 'fail', '--fail-at': 'failAt', '--reading-period': 'readingPeriod', '--epochs': 'epochs', '--sources': 'sources', '--threshold': 'threshold', '--interval': 'interval', '--interest-period': 'interestPeriod',
};

const definitions: AlgorithmDefinition[] = await Promise.all(ALGORITHMS.map((n) => shippedAlgorithm(n)));
const inLectureOrder = [...definitions].sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.name.localeCompare(b.name));

/** `a`, `a and b`, `a, b and c`. */
const list = (names: string[]): string => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

describe("mote algo's flags, as the algorithm folders declare them", () => {
  it('gives every shipped algorithm a place in the lecture order and says what each flag it reads means', () => {
    expect(inLectureOrder.map((d) => d.name)).toEqual(['lamport', 'snapshot', 'floodset', 'floodmax', 'lcr', 'tree', 'dag', 'aggregate', 'diffusion']);
    for (const d of definitions) expect(Object.keys(d.flags ?? {}).length, d.name).toBeGreaterThan(0);
  });

  it('refuses every flag an algorithm does not declare, naming the algorithms that do, in the lecture order', async () => {
    for (const d of definitions) {
      for (const [flag, key] of Object.entries(KEYS)) {
        if (d.flags?.[key] !== undefined) continue;
        const users = inLectureOrder.filter((u) => u.flags?.[key] !== undefined).map((u) => u.name);
        const { code, err } = await mote('algo', d.name, flag, VALUES[flag]);
        expect({ code, err }, `${d.name} ${flag}`).toEqual({ code: 1, err: `${flag} does not apply to ${d.name}: it is used by ${list(users)}\n` });
      }
    }
  });

  it('pins the messages issue 19 wrote by hand, now built from the folders', async () => {
    expect((await mote('algo', 'lamport', '--crashes', '1')).err).toBe('--crashes does not apply to lamport: it is used by floodset, floodmax and lcr\n');
    expect((await mote('algo', 'lcr', '--range', '5')).err).toBe('--range does not apply to lcr: it is used by every algorithm but floodset and lcr (one broadcast cell; a ring)\n');
    expect((await mote('algo', 'floodset', '--fail-at', '3')).err).toBe('--fail-at does not apply to floodset: it is used by tree, dag and diffusion\n');
    expect((await mote('algo', 'tree', '--epochs', '2')).err).toBe('--epochs does not apply to tree: it is used by aggregate\n');
  });

  it("prints each folder's meaning of its flags and its examples in the help", async () => {
    const { code, out } = await mote('algo', '--help');
    expect(code).toBe(0);
    const flat = out.replace(/\s+/g, ' ');
    for (const d of definitions) {
      for (const text of Object.values(d.flags ?? {})) if (text !== '') expect(flat, d.name).toContain(text.replace(/\s+/g, ' '));
      for (const example of d.examples ?? []) expect(out).toContain(`$ mote algo ${d.name} ${example}`);
    }
    expect(flat).toContain('--timing <model> sync (lock-step rounds) or async (seeded delays): lamport, snapshot, lcr');
    expect(flat).toContain('--fail <mote> tree, dag: the mote that fails (default: the one with the largest subtree); diffusion: the relay');
  });

  it("runs a folder's own check of its flags against the layout before its driver, its message as a user error", () => {
    let ran = false;
    const definition: AlgorithmDefinition = {
      name: 'mine',
      defaultTopology: 'line:3',
      flags: { steps: 'ticks' },
      checkFlags: (flags, topology) => {
        if ((flags.steps ?? 0) > topology.n) throw new AlgoInputError(`--steps ${flags.steps}: at most one a mote (${topology.n})`);
      },
      tick: () => {
        ran = true;
        throw new Error('the driver ran');
      },
    };
    const opts = { seed: 1, timing: 'async', f: 1, ringOrder: 'random', range: 15, snapshots: 3, values: 2, profile: 'mate', steps: 4 } as const;
    expect(() => runAlgorithm(definition, opts, [])).toThrow(new UserError('--steps 4: at most one a mote (3)'));
    expect(ran).toBe(false);
    expect(() => runAlgorithm(definition, { ...opts, steps: 3 }, [])).toThrow('the driver ran');
  });
});
