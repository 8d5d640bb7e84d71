// The algorithms on AVR motes (issue 14): `mote algo NAME --avr-motes` runs the emulator with the
// firmware on avr8js in place of the abstract VM, and the same oracles judge the run.

import { describe, expect, it } from 'vitest';
import { ALGORITHMS } from '../../cli/commands/algo.js';
import { bufferIo } from '../../cli/io.js';
import { main } from '../../cli/main.js';
import { floodSetFullRun } from '../../capsules/floodset/full.js';
import { lcrFullRun } from '../../capsules/lcr/full.js';
import { shipped } from './helpers.js';

async function mote(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

describe('the algorithms on AVR motes', () => {
  it('decides flood-set consensus on AVR motes as on abstract ones, with measured cycles', () => {
    const options = { capsules: shipped('floodset'), n: 5, f: 1, seed: 3, crashes: { kind: 'random' as const, count: 1 } };
    const abstract = floodSetFullRun(options);
    const avr = floodSetFullRun({ ...options, avrMotes: 'all' });
    expect(Array.from(avr.run.net.world.avr)).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(abstract.run.net.world.avr)).toEqual([0, 0, 0, 0, 0]);
    expect(avr.report.failures).toEqual([]);
    expect(avr.report.details.decisions).toEqual(abstract.report.details.decisions);
    expect(avr.report.details.vmCycles).not.toBe(abstract.report.details.vmCycles);
  });

  it('elects the highest id by LCR in a ring mixing AVR and abstract motes', () => {
    const { report, run } = lcrFullRun({ capsules: shipped('lcr'), n: 4, order: 'best', seed: 1, avrMotes: [0, 2] });
    expect(Array.from(run.net.world.avr)).toEqual([1, 0, 1, 0]);
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('runs a driver not given avrMotes on abstract motes, also after a run on AVR motes', () => {
    const options = { capsules: shipped('lcr'), n: 3, order: 'best' as const, seed: 1 };
    expect(Array.from(lcrFullRun({ ...options, avrMotes: 'all' }).run.net.world.avr)).toEqual([1, 1, 1]);
    expect(Array.from(lcrFullRun(options).run.net.world.avr)).toEqual([0, 0, 0]);
  });

  it('passes the oracles of lamport and floodmax from the command line with --avr-motes all (the emulator implied)', async () => {
    for (const name of ['lamport', 'floodmax']) {
      const { code, out, err } = await mote('algo', name, '--topology', 'line:3', '--avr-motes', 'all', '--json');
      expect({ name, code, err }).toEqual({ name, code: 0, err: '' });
      expect(JSON.parse(out).ok).toBe(true);
    }
  });

  it("hands the request's AVR motes to the emulator in every shipped algorithm's full driver", async () => {
    for (const name of ALGORITHMS) {
      const { code, out, err } = await mote('algo', name, '--avr-motes', '1', '--json');
      expect({ name, code, err }).toEqual({ name, code: 0, err: '' });
      expect({ name, avrMotes: JSON.parse(out).avrMotes }).toEqual({ name, avrMotes: [1] });
    }
  });

  it('lists the AVR motes in --json as mote sim does, and only when --avr-motes is given', async () => {
    const some = await mote('algo', 'lcr', '--topology', 'ring:4', '--ring-order', 'best', '--avr-motes', '3,1', '--json');
    expect({ code: some.code, err: some.err }).toEqual({ code: 0, err: '' });
    expect(JSON.parse(some.out)).toMatchObject({ ok: true, network: 'full', avrMotes: [1, 3] });
    const all = await mote('algo', 'lcr', '--topology', 'ring:3', '--ring-order', 'best', '--avr-motes', 'all', '--json');
    expect(JSON.parse(all.out).avrMotes).toEqual([0, 1, 2]);
    const none = await mote('algo', 'lcr', '--topology', 'ring:3', '--ring-order', 'best', '--network', 'full', '--json');
    expect(JSON.parse(none.out)).not.toHaveProperty('avrMotes');
  });

  it('rejects an AVR mote outside the topology in one line', async () => {
    const { code, err } = await mote('algo', 'lamport', '--topology', 'line:3', '--avr-motes', '5');
    expect(code).not.toBe(0);
    expect(err.trim()).toBe('--avr-motes: mote 5 is not in the network (0 to 2)');
  });
});
