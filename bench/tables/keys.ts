// Names of the figures a benchmark run measures (cycles-sample.ts, energy-sample.ts): the harness keeps
// each figure's runs under its key, and the reports read the medians back by the same key.

/** The key of one figure: its parts joined by '/'. */
export const key = (...parts: readonly (string | number)[]): string => parts.join('/');
