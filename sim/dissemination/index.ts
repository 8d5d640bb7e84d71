// Maté-style code dissemination over Trickle (issue 5): the protocol factory, its reports, and the
// wire formats and version rule that tests and tools share.

export { createDissemination, type Dissemination } from './dissemination.js';
export { DEFAULT_JITTER_NS, type DisseminationParams } from './engine.js';
export type { CapsuleReport, MaintenanceReport } from './report.js';
export { capsuleKey, type CapsuleRecord, type DisseminationStats } from './stats.js';
export { contentHash, isNewer, vectorDigest } from './versions.js';
export * from './packets.js';
