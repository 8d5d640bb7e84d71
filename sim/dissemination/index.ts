// Maté-style code dissemination over Trickle (issue 5): the protocol factory, its reports, and the
// wire formats and version rule that tests and tools share.
//
// Wiring (network and CLI):
//   const d = createDissemination({ trickle: parsed.params, motes: n });
//   world options: protocol: d.protocolFor            // (moteId) => Protocol, one per mote, stable
//   --inject file@mote:time  ->  at that time, protocol.inject(host, capsule) on that mote
//   summary.capsules = d.capsules((id) => alive[id])   // { name, version, injectedAt, coveredAt, coverage, transmissions, ... }
//   summary.trickle  = d.maintenance(now)              // { transmissionsPerInterval, perMotePerHour, stableSince, ... }
//   dashboard: d.trickleOf(id) -> { i, c, t, phase }, d.installed(id, type) -> { version, hash }
// host.broadcast must copy payload[0..length) before returning: one buffer serves every send.
// Signed code (issue 9): createDissemination({ ..., auth }) with auth = createMoteSecurity({ publicKey })
// from sim/security; injected capsules must then carry a signature (sim/security withSignature).

export type { CapsuleAuth } from './auth.js';
export { createDissemination, type Dissemination } from './dissemination.js';
export { DEFAULT_JITTER_NS, MATE_REDUNDANCY, PROPAGATIONS, type DisseminationParams, type Propagation } from './engine.js';
export type { CapsuleReport, MaintenanceReport } from './report.js';
export { capsuleKey, type CapsuleRecord, type DisseminationStats } from './stats.js';
export { contentHash, isNewer, vectorDigest } from './versions.js';
export * from './packets.js';
