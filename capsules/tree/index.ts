// Collection over a spanning tree (capsules/tree/README.md): the folder's registry entry (issue 17).

import type { AlgorithmDefinition } from '../../sim/algo/contract.js';
import { routingAlgorithm } from './route.js';

export const algorithm: AlgorithmDefinition = {
  ...routingAlgorithm('tree', 'readings to the base station over a beacon-built spanning tree; a mote fails part way'),
  order: 6,
  examples: ['--topology grid:10x10 --network full --json'],
};
