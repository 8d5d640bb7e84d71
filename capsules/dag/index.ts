// Collection over a DAG of parents (capsules/dag/README.md): the folder's registry entry (issue 17),
// driven by capsules/tree/'s driver and oracle with several parents.

import type { AlgorithmDefinition } from '../../sim/algo/contract.js';
import { routingAlgorithm } from '../tree/route.js';

export const algorithm: AlgorithmDefinition = {
  ...routingAlgorithm('dag', 'readings to the base station over a DAG of parents; a mote fails part way'),
  order: 7,
  examples: ['--topology grid:10x10 --json'],
};
