// The assembler package's public API: assemble, disassemble, verify, capsule files, error rendering.

export { assemble, type AssembleResult, type SourceMapEntry } from './assemble.js';
export { formatError, type AsmError } from './errors.js';
export { disassemble } from './disassemble.js';
export { verify, type VerifyError, type VerifyResult } from './verify.js';
export {
  CAPSULE_FILE_FORMAT,
  READABLE_FORMATS,
  readCapsuleFile,
  writeCapsuleFile,
  type ReadCapsuleResult,
} from './capsule-file.js';
export { decodeAt, encodeInstruction, type Decoded } from './decode.js';
