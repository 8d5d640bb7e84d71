// Collection over a spanning tree (capsules/tree/README.md): the folder's registry entry (issue 17).

import { routingAlgorithm } from './route.js';

export const algorithm = routingAlgorithm('tree', 'readings to the base station over a beacon-built spanning tree; a mote fails part way');
