// `mote sim`'s trap sites, for --json and for people: each distinct (capsule, pc, reason) the
// network's VMs trapped at, with the TinyScript source place when the capsule was compiled from one.
// People get the first few: a network trapping on every mote every second has one line per site.

import { MAX_TRAP_SITES, type TrapSite } from '../sim/network/trap-sites.js';
import type { SourcePlaces } from './source-places.js';

export type PlacedTrapSite = TrapSite & { readonly place?: string };

/** Sites the human summary lists; --json has them all. */
export const SHOWN_TRAP_SITES = 5;

export function placeTrapSites(sites: readonly TrapSite[], places: SourcePlaces): PlacedTrapSite[] {
  return sites.map((s) => {
    const place = places.atNamed(s.capsule, s.pc);
    return place === undefined ? s : { ...s, place };
  });
}

/** The summary's lines for the trap sites; none when nothing trapped. */
export function formatTrapSites(sites: readonly PlacedTrapSite[]): string[] {
  if (sites.length === 0) return [];
  const lines = sites.slice(0, SHOWN_TRAP_SITES).map((s) => {
    // The AVR firmware's own faults have no capsule.
    const where = `${s.capsule === '' ? 'firmware' : s.capsule} pc ${s.pc}${s.place === undefined ? '' : ` (${s.place})`}`;
    const times = s.count === 1 ? 'once' : `${s.count} times`;
    return `  ${where}: ${s.reason}, ${times}, first on mote ${s.firstMote} at ${Number(s.firstT.toFixed(6))} s`;
  });
  const more = sites.length - SHOWN_TRAP_SITES;
  const kept = sites.length === MAX_TRAP_SITES ? `, the most kept` : '';
  return [
    `trap sites (${sites.length}${kept}):`,
    ...lines,
    ...(more > 0 ? [`  ... and ${more} more (--json lists them all)`] : []),
  ];
}
