// Broken tree capsules that the routing oracle must catch, on the tick network and on the emulator
// alike (test/algo/routing.test.ts, full-routing.test.ts).

import type { Capsule } from '../../../vm/capsule.js';
import { capsule } from '../../algo/helpers.js';

/** A beacon handler that keeps its first route: after a failure its subtree stays cut off. */
export function stubbornBeacons(): Capsule {
  return capsule(
    '.capsule sub0', '.name stubborn',
    'id', 'blez out', 'getvar 1', 'jumpc out',
    'pushm', 'getms 1', 'setvar 0', 'pushm', 'getms 2', 'pushc 1', 'add', 'setvar 1', 'msrc', 'setvar 2',
    'pushm', 'clear', 'pushc 1', 'add', 'getvar 0', 'add', 'getvar 1', 'add', 'pushw 0xffff', 'sendr',
    'out: ret',
  );
}

/** A forwarder that zeroes every reading it passes on. */
export function lyingForwarder(): Capsule {
  return capsule(
    '.capsule receive', '.name liar',
    'pushm', 'getms 0', 'pushc 1', 'eq', 'blez data', 'call 0', 'halt',
    'data: id', 'jumpc fwd', 'pushm', 'uart', 'halt',
    'fwd: pushm', 'pushc 0', 'setms 3', 'getvar 2', 'sendr', 'halt',
  );
}
