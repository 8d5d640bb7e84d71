// Woo et al.'s packet reception rate by distance between mica motes, as constants (SPEC 5, radio model
// `empirical`). The same numbers as empirical-loss.csv beside this file, which keeps the attribution:
// source: x3ro/tinyos-legacy@cdc0e7ba1cac505fcace33b974b2e0aca1ccc56a path
// tinyos-1.x/tools/java/net/tinyos/sim/EmpiricalModel.java (CVS rev 1.9 2004/06/11; Phil Levis, from Woo
// et al. empirical data, mica RFM radio at power 50/100); UC Berkeley BSD-style license.
// A test checks this module against the CSV, so the two cannot drift apart.

export interface EmpiricalRow {
  /** Upper end of the row in feet: a pair at distance d uses the first row with d <= distanceFt. */
  readonly distanceFt: number;
  readonly prrMean: number;
  readonly prrStddev: number;
}

/** Rows from 0 to 42 ft in 2 ft steps, values exactly as printed in the source. */
export const EMPIRICAL_LOSS: readonly EmpiricalRow[] = [
  { distanceFt: 0, prrMean: 1.0e-000, prrStddev: 0.1e-009 },
  { distanceFt: 2, prrMean: 9.8642857e-001, prrStddev: 3.6313652e-003 },
  { distanceFt: 4, prrMean: 9.8338235e-001, prrStddev: 1.0129509e-002 },
  { distanceFt: 6, prrMean: 9.7375000e-001, prrStddev: 1.1505927e-002 },
  { distanceFt: 8, prrMean: 9.6833333e-001, prrStddev: 2.1549195e-002 },
  { distanceFt: 10, prrMean: 9.6200000e-001, prrStddev: 1.1832160e-002 },
  { distanceFt: 12, prrMean: 9.3365385e-001, prrStddev: 1.0900970e-001 },
  { distanceFt: 14, prrMean: 8.8125000e-001, prrStddev: 1.7237314e-001 },
  { distanceFt: 16, prrMean: 6.8909091e-001, prrStddev: 3.4195042e-001 },
  { distanceFt: 18, prrMean: 7.5000000e-001, prrStddev: 3.3297362e-001 },
  { distanceFt: 20, prrMean: 5.9375000e-001, prrStddev: 3.3440393e-001 },
  { distanceFt: 22, prrMean: 5.5714286e-001, prrStddev: 4.1689184e-001 },
  { distanceFt: 24, prrMean: 1.9222222e-001, prrStddev: 3.3776176e-001 },
  { distanceFt: 26, prrMean: 4.5357143e-001, prrStddev: 4.1638038e-001 },
  { distanceFt: 28, prrMean: 1.1250000e-002, prrStddev: 2.1641010e-002 },
  { distanceFt: 30, prrMean: 6.5714286e-002, prrStddev: 1.5051103e-001 },
  { distanceFt: 32, prrMean: 6.4666667e-002, prrStddev: 1.4037535e-001 },
  { distanceFt: 34, prrMean: 0.0000000e+000, prrStddev: 0.0000000e+000 },
  { distanceFt: 36, prrMean: 3.0357143e-002, prrStddev: 1.0930663e-001 },
  { distanceFt: 38, prrMean: 0.0000000e+000, prrStddev: 0.0000000e+000 },
  { distanceFt: 40, prrMean: 8.3333333e-004, prrStddev: 2.8867513e-003 },
  { distanceFt: 42, prrMean: 0.0000000e+000, prrStddev: 0.0000000e+000 },
];
