// The algorithm capsules as shipped: each assembles and verifies, fits an extended capsule, and its
// README states its true size in bytes (issue 6: "a README ... its size in bytes").

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../cli/paths.js';
import { EXTENDED_MAX_BYTES } from '../../vm/capsule.js';
import { verify } from '../../assembler/verify.js';
import { shipped, shippedFile } from './helpers.js';

const ALGORITHMS = ['snapshot', 'lamport', 'floodset', 'floodmax', 'lcr', 'tree', 'dag', 'aggregate'];

describe('the algorithm capsules', () => {
  it('verify and fit an extended capsule (128 bytes)', () => {
    for (const name of ALGORITHMS) {
      for (const c of shipped(name)) {
        expect(verify(c).errors, `${name}/${c.name}`).toEqual([]);
        expect(c.code.length).toBeLessThanOrEqual(EXTENDED_MAX_BYTES);
      }
    }
  });

  it('give each file its true size, and the total, in the README table', () => {
    for (const name of ALGORITHMS) {
      const readme = shippedFile(name, 'README.md');
      const files = readdirSync(join(packageRoot, 'capsules', name)).filter((f) => f.endsWith('.mate')).sort();
      const sizes = shipped(name).map((c) => c.code.length);
      const rows = [...readme.matchAll(/^\| (\S+\.mate) \| (\w+) \| (\d+) \|/gm)].map((m) => [m[1], Number(m[3])]);
      expect(rows.sort(), name).toEqual(files.map((f, k) => [f, sizes[k]]).sort());
      const total = sizes.reduce((a, b) => a + b, 0);
      expect(readme, name).toContain(`${total} bytes`);
    }
  });

  it('state the context each file runs in', () => {
    for (const name of ALGORITHMS) {
      const readme = shippedFile(name, 'README.md');
      const files = readdirSync(join(packageRoot, 'capsules', name)).filter((f) => f.endsWith('.mate')).sort();
      shipped(name).forEach((c, k) => expect(readme).toContain(`| ${files[k]} | ${c.type} |`));
    }
  });
});
