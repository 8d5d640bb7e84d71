// Capsules: the unit of code a mote runs and the network ships (Maté; ASVM for sizes and versions).

/** Capsule types in wire order: the number is the type byte in packets and capsule files. */
export const CAPSULE_TYPES = ['sub0', 'sub1', 'sub2', 'sub3', 'clock', 'send', 'receive', 'once'] as const;
export type CapsuleType = (typeof CAPSULE_TYPES)[number];

/** Execution contexts, one per event kind (SPEC 7). Subroutines run inside their caller's context. */
export const CONTEXTS = ['clock', 'send', 'receive', 'once'] as const;
export type ContextName = (typeof CONTEXTS)[number];

export interface Capsule {
  readonly type: CapsuleType;
  /** 32-bit unsigned; newer means greater (ASVM). */
  readonly version: number;
  readonly name: string;
  readonly code: Uint8Array;
}

/** TinyOS 1.x payload (TOSH_DATA_LENGTH, SPEC 5). */
export const PAYLOAD_BYTES = 29;
/** A classic capsule travels whole in one packet: type (1) + version (4) + code. */
export const CLASSIC_HEADER_BYTES = 5;
export const CLASSIC_MAX_BYTES = PAYLOAD_BYTES - CLASSIC_HEADER_BYTES; // 24: Maté's 24 instructions
/** An extended capsule holds up to ASVM's default handler size and travels in fragments. */
export const EXTENDED_MAX_BYTES = 128;
export const MAX_VERSION = 0xffff_ffff;

export const OPERAND_STACK_DEPTH = 16;
export const RETURN_STACK_DEPTH = 8;
export const HEAP_WORDS = 16;

export function capsuleTypeNumber(type: CapsuleType): number {
  return CAPSULE_TYPES.indexOf(type);
}

export function isCapsuleType(name: string): name is CapsuleType {
  return (CAPSULE_TYPES as readonly string[]).includes(name);
}

/** Classic when it fits one packet; otherwise extended (fragmented). */
export function isClassic(capsule: Pick<Capsule, 'code'>): boolean {
  return capsule.code.length <= CLASSIC_MAX_BYTES;
}
