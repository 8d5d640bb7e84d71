// Fault campaigns (issue 9) as properties over seeds: crashes and reboots, degraded links, a partition
// and its heal, a drained battery and a rogue mote, while three signed versions are injected. Nothing
// is lost: the oracles of campaign.ts hold on every seed. Then the same through `mote sim --faults`.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../cli/io.js';
import { main } from '../../cli/main.js';
import { shippedCapsule } from '../../cli/paths.js';
import { privatePem } from '../../sim/security/index.js';
import { BASE } from '../security/keys.js';
import { runCampaign } from './campaign.js';

describe('fault campaigns on a signed network', () => {
  it('converge, keep flash through reboots without refetching, run only verified code and conserve energy (disk radio, 10 seeds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const r = runCampaign({ seed, radio: 'disk' });
        expect(r.violations, `seed ${seed}`).toEqual([]);
        expect(r.newestVersion).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 10 },
    );
  });

  it('do the same over the lossy empirical radio (6 seeds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        expect(runCampaign({ seed, radio: 'empirical' }).violations, `seed ${seed}`).toEqual([]);
      }),
      { numRuns: 6 },
    );
  });

  it('excuse only motes cut off by a link a fault degraded below half (two seeds fast-check found, whose only path crosses such a link)', () => {
    for (const seed of [50130, 815875]) expect(runCampaign({ seed, radio: 'disk' }).violations, `seed ${seed}`).toEqual([]);
  });

  it('heal a partition without help: the cut-off side catches up with the version injected while it was cut off', () => {
    const r = runCampaign({ seed: 4, radio: 'disk' });
    expect(r.violations).toEqual([]);
    expect(r.crashes).toBeGreaterThan(0);
    expect(r.convergedAfterHeal).not.toBeNull();
    expect(r.convergedAfterHeal).toBeLessThan(120);
  });
});

describe('mote sim --faults random:SEED on a signed network', () => {
  it('ends with every live mote on the newest version injected, through the CLI', async () => {
    const key = join(mkdtempSync(join(tmpdir(), 'mote-faults-')), 'base.key');
    writeFileSync(key, privatePem(BASE.privateKey), { mode: 0o600 });
    const counter = shippedCapsule('cnt_to_leds.mate');
    for (const seed of ['3', '8']) {
      const io = bufferIo();
      const argv = [
        'sim', '--topology', 'grid:4x4', '--spacing', '10', '--radio', 'disk', '--range', '15', '--key', key, '--seed', seed,
        '--inject', `${counter}@0:5s`, '--inject', `${counter}@0:90s:v2`, '--faults', `random:${seed}`,
        '--fault', 'partition:x<15@60s', '--fault', 'heal@150s', '--seconds', '500', '--json',
      ];
      expect(await main(argv, io), io.err).toBe(0);
      const s = JSON.parse(io.out) as { crashes: number; reboots: number; capsules: { version: number; coverage: number }[]; security: { signatureFailures: number } };
      expect(s.capsules.find((c) => c.version === 2)?.coverage, `seed ${seed}`).toBe(1);
      expect(s.security.signatureFailures).toBe(0);
    }
  });
});
