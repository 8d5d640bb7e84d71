// The registry (issue 17): the algorithms are the folders of capsules/ with an index module, each
// declaring itself under its folder's name, so adding a folder is all it takes.

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { algorithmNames, isFolderPath, shippedAlgorithm } from '../../capsules/registry.js';
import { shippedCapsule } from '../../cli/paths.js';
import { parseTopologySpec } from '../../sim/world/topology.js';

describe('the algorithm registry', () => {
  it('lists exactly the folders of capsules/ that have an index module', () => {
    const root = join(shippedCapsule('lcr'), '..');
    const folders = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'index.ts')));
    expect(algorithmNames()).toEqual(folders.map((d) => d.name).sort());
    expect(algorithmNames()).toEqual(['aggregate', 'dag', 'diffusion', 'floodmax', 'floodset', 'lamport', 'lcr', 'snapshot', 'tree']);
  });

  it('loads each algorithm under its folder name, with a default layout that parses and a driver for both networks', async () => {
    for (const name of algorithmNames()) {
      const a = await shippedAlgorithm(name);
      expect(a.name).toBe(name);
      expect(parseTopologySpec(a.defaultTopology, { seed: 1 }).ok).toBe(true);
      expect(typeof a.tick).toBe('function');
      expect(typeof a.full).toBe('function');
    }
  });

  it('refuses a name that is not a folder, and tells names from paths', async () => {
    await expect(shippedAlgorithm('paxos')).rejects.toThrow("no algorithm 'paxos'; shipped: aggregate, dag,");
    await expect(shippedAlgorithm('flp')).rejects.toThrow("no algorithm 'flp'");
    expect([isFolderPath('lcr'), isFolderPath('./lcr'), isFolderPath('/tmp/x'), isFolderPath('a/b')]).toEqual([false, true, true, true]);
  });
});
