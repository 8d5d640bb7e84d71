// The Trickle module's public surface (RFC 6206): the timer, its CLI spec parser and the one-cell model.

export * from './timer.js';
export * from './spec.js';
export * from './cell.js';
