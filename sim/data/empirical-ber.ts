// TOSSIM 1.x's packet-loss to bit-error-rate table (SPEC 5, radio model `tossim`): entry i is the bit error
// rate under which a 36-byte SEC-DED packet is lost i percent of the time. The same numbers as
// empirical-ber.csv beside this file, which keeps the attribution: source
// x3ro/tinyos-legacy@cdc0e7ba1cac505fcace33b974b2e0aca1ccc56a path
// tinyos-1.x/tools/java/net/tinyos/sim/EmpiricalModel.java populateLossRates() (Phil Levis); UC Berkeley
// BSD-style license. A test checks this module against the CSV, so the two cannot drift apart.

/** Index = whole percent of packet loss (0..100), value = bit error rate, exactly as printed in the source. */
export const EMPIRICAL_BER: readonly number[] = [
  0.000000, 0.000899, 0.001576, 0.002147, 0.002653, 0.003114, 0.003541, 0.003942, 0.004322, 0.004685,
  0.005034, 0.005370, 0.005696, 0.006013, 0.006322, 0.006624, 0.006919, 0.007209, 0.007494, 0.007775,
  0.008052, 0.008325, 0.008595, 0.008863, 0.009127, 0.009390, 0.009650, 0.009909, 0.010166, 0.010422,
  0.010677, 0.010931, 0.011184, 0.011436, 0.011688, 0.011940, 0.012191, 0.012443, 0.012694, 0.012946,
  0.013198, 0.013451, 0.013705, 0.013959, 0.014214, 0.014470, 0.014728, 0.014986, 0.015247, 0.015508,
  0.015772, 0.016038, 0.016305, 0.016575, 0.016847, 0.017122, 0.017400, 0.017680, 0.017964, 0.018251,
  0.018542, 0.018836, 0.019135, 0.019438, 0.019745, 0.020058, 0.020375, 0.020699, 0.021028, 0.021364,
  0.021707, 0.022058, 0.022416, 0.022783, 0.023159, 0.023545, 0.023942, 0.024351, 0.024773, 0.025208,
  0.025660, 0.026128, 0.026614, 0.027122, 0.027653, 0.028211, 0.028798, 0.029419, 0.030079, 0.030786,
  0.031547, 0.032373, 0.033279, 0.034286, 0.035423, 0.036736, 0.038299, 0.040253, 0.042902, 0.047195,
  0.330052,
];
