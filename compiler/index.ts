// The TinyScript compiler's public API (ASVM's language, ../shared/TINYSCRIPT.md, to our bytecode).

export { compile, type CompileOptions, type CompileResult, type SourcePlace } from './compile.js';
export { BUILTINS, signature, type Builtin } from './builtins.js';
export { foldBinary, foldUnary, wrap16 } from './arith.js';
