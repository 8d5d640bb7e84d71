// TinyDB-style in-network aggregation (Madden et al., OSDI 2002; the lecture's in-network
// processing): the average of light / 4 over the beacon tree (capsules/aggregate/ with
// tree/sub0.mate), one partial [3, sum, count] per mote per epoch, children before parents. The
// oracle: each epoch's answer at the base station equals the average of the readings the motes
// took in that epoch, every reachable mote counted once; and the messages it cost against shipping
// every reading to the base station (one transmission per hop, the sum of the hop counts).

import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { configCapsule } from './config.js';
import { hops, type Adjacency } from './graph.js';
import { faultFailures, measure, verdict, type AlgoReport } from './report.js';
import { BASE, lightAt } from './routing.js';
import { TickNetwork } from './tick-network.js';

const HEAP_PERIOD = 6;
const HEAP_DEPTH = 9;
const PARTIAL = 3;

export interface AggregateOptions {
  readonly capsules: readonly Capsule[];
  readonly out: Adjacency;
  readonly seed: number;
  readonly epochs?: number;
  readonly profile?: CostProfile;
  /** Handed the network as soon as it exists (a diagram records from it). */
  readonly observe?: (net: TickNetwork) => void;
}

export function aggregateRun(options: AggregateOptions): AlgoReport {
  const { out, seed } = options;
  const n = out.length;
  const dist = hops(out, BASE);
  const depth = Math.max(0, ...dist);
  // The wave reaches depth D by phase D; partials climb from phase D to 2D; the answer is at 2D.
  const period = 2 * depth + 2;
  const epochs = Math.max(1, options.epochs ?? 3);
  const light = lightAt(seed);
  const readings: { mote: number; tick: number; value: number }[] = [];
  const net = new TickNetwork({
    ids: Array.from({ length: n }, (_, i) => i),
    out,
    capsules: options.capsules,
    config: () => configCapsule([[HEAP_PERIOD, period], [HEAP_DEPTH, depth]]),
    delay: () => 0,
    broadcast: 'radio',
    sensor: (mote, _sensor, tick) => {
      const value = light(mote, tick);
      readings.push({ mote, tick, value });
      return value;
    },
    profile: options.profile,
    seed,
  });
  options.observe?.(net);
  for (let round = 1; round <= epochs * period; round++) {
    net.step();
    for (let i = 0; i < n; i++) net.fire(i);
  }

  const failures: string[] = [];
  const answers = net.trace.flatMap((e) => (e.kind === 'uart' && e.words[0] === PARTIAL ? [{ tick: e.tick, sum: e.words[1], count: e.words[2] }] : []));
  if (answers.length !== epochs) failures.push(`answers: ${answers.length} epochs answered, ${epochs} ran`);
  const reachable = dist.filter((h) => h >= 0).length;
  answers.forEach((answer, k) => {
    const taken = readings.filter((r) => r.tick > k * period && r.tick <= (k + 1) * period);
    const sum = taken.reduce((a, r) => a + (r.value >> 2), 0);
    const motes = new Set(taken.map((r) => r.mote)).size;
    if (answer.count !== taken.length || answer.sum !== sum)
      failures.push(`epoch ${k}: the base station averaged ${answer.sum}/${answer.count}, the motes read ${sum}/${taken.length}`);
    if (motes !== taken.length || taken.length !== reachable) failures.push(`epoch ${k}: ${taken.length} readings from ${motes} motes, ${reachable} reachable`);
  });
  const partials = net.messages.filter((m) => m.words[0] === PARTIAL).length;
  const shipping = dist.reduce((a, h) => a + Math.max(0, h), 0);
  const last = answers[answers.length - 1];
  return {
    algorithm: 'aggregate',
    ...verdict([...faultFailures(net, (i) => `mote ${i}`), ...failures]),
    motes: n,
    rounds: epochs * period,
    ...measure(net),
    details: {
      epochs,
      epochRounds: period,
      average: last === undefined || last.count === 0 ? null : last.sum / last.count,
      aggregateMessagesPerEpoch: partials / epochs,
      shippingMessagesPerEpoch: shipping,
      beaconMessagesPerEpoch: new Set(net.messages.filter((m) => m.words[0] === 1).map((m) => m.transmission)).size / epochs,
    },
  };
}
