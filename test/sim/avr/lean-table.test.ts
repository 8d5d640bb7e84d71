import { describe, expect, it } from 'vitest';
import { measureExec } from '../../../bench/fidelity-measure.js';
import { leanTableSource } from '../../../tools/firmware/lean-table.js';
import { LEAN_CYCLES } from '../../../vm/lean-costs.js';

// The lean profile is generated from the firmware (npm run firmware); the committed image is measured
// again here, so no AVR toolchain is needed.
describe('the lean profile against the firmware', () => {
  const measured = measureExec();

  it('has one figure for every case the firmware measures, and no other', () => {
    expect(Object.keys(LEAN_CYCLES).sort()).toEqual(measured.map((m) => m.name).sort());
  });

  it('stays within 10% of every instruction measured on the committed image, branches both ways', () => {
    const drifted = measured.filter((m) => Math.abs(LEAN_CYCLES[m.name] - m.cycles) > 0.1 * m.cycles);
    expect(drifted.map((m) => `${m.name}: table ${LEAN_CYCLES[m.name]}, firmware ${m.cycles}`)).toEqual([]);
  });

  it('measures a taken branch dearer than one not taken, and division dearer than addition', () => {
    const at = (name: string): number => measured.find((m) => m.name === name)?.cycles ?? Number.NaN;
    for (const branch of ['blez', 'jumpc', 'blezw']) expect(at(`${branch} taken`)).toBeGreaterThan(at(`${branch} not taken`));
    expect(at('div')).toBeGreaterThan(at('add') + 100);
  });

  it('writes the table it generates as valid entries, quoting the branch cases', () => {
    const source = leanTableSource([{ name: 'pushc', cycles: 10 }, { name: 'blez taken', cycles: 20 }]);
    expect(source).toContain('  pushc: 10,\n');
    expect(source).toContain("  'blez taken': 20,\n");
  });
});
