// The `--trickle imin=1,doublings=6,k=1,listen=0.5` parser in trickle/spec.ts.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTrickleSpec } from '../../trickle/spec.js';
import { defaultTrickleParams } from '../../trickle/timer.js';

function error(text: string): string {
  const result = parseTrickleSpec(text);
  if (result.ok) throw new Error(`"${text}" parsed`);
  return result.error;
}

describe('parseTrickleSpec', () => {
  it('reads the paper settings as the defaults, with imin in nanoseconds', () => {
    expect(parseTrickleSpec('imin=1,doublings=6,k=1,listen=0.5')).toEqual({ ok: true, params: defaultTrickleParams });
  });

  it('takes keys in any order, keeps defaults for keys left out, and reads fractional seconds and k=inf', () => {
    expect(parseTrickleSpec(' k = inf , imin=0.25')).toEqual({
      ok: true,
      params: { imin: 250_000_000, doublings: 6, k: Infinity, listen: 0.5 },
    });
    expect(parseTrickleSpec('listen=0,k=0,doublings=0')).toEqual({ ok: true, params: { imin: 1e9, doublings: 0, k: 0, listen: 0 } });
  });

  it('names the bad key or value in a one-line error', () => {
    expect(error('imin=abc')).toBe('--trickle: imin=abc: not a number');
    expect(error('imin=0')).toMatch(/^--trickle: imin=0: /);
    expect(error('tau=3')).toMatch(/^--trickle: unknown key "tau"/);
    expect(error('k')).toMatch(/^--trickle: "k" is not key=value/);
    expect(error('k=1,k=2')).toBe('--trickle: k given twice');
    expect(error('k=-1')).toBe('--trickle: k=-1: must be a non-negative integer or inf');
    expect(error('imin=-1')).toBe('--trickle: imin=-1: must be between 1 ns and 2^53 ns');
    expect(error('imin=0x10')).toBe('--trickle: imin=0x10: not a number');
    expect(error('k=1.5')).toMatch(/^--trickle: k=1\.5: /);
    expect(error('doublings=60')).toMatch(/^--trickle: doublings=60: /);
    expect(error('listen=1')).toMatch(/^--trickle: listen=1: /);
    expect(error('imin=0x10')).toBe('--trickle: imin=0x10: not a number');
    expect(error('k=1\nimin=2')).toBe('--trickle: k=1\\nimin=2: not a number');
  });

  it('never throws and always answers with one line, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const result = parseTrickleSpec(text);
        if (!result.ok) expect(result.error).not.toMatch(/\n/);
      }),
      { numRuns: 300 },
    );
  });
});
