// Compile errors as values (STYLE 5): every mistake in a TinyScript file becomes one of these, with
// the place it was found; nothing in the compiler throws for user input. Rendered like assembly
// errors (assembler/errors.ts): `file:line:col: message`, the source line, a caret.

/** A place in the source: 1-based line and column (UTF-16 code units of the line). */
export interface Loc {
  readonly line: number;
  readonly col: number;
}

export interface CompileError extends Loc {
  readonly message: string;
}

/** Collects errors in the order found; the compiler sorts them by place at the end. */
export class Diagnostics {
  readonly errors: CompileError[] = [];

  error(at: Loc, message: string): void {
    this.errors.push({ line: at.line, col: at.col, message });
  }

  get failed(): boolean {
    return this.errors.length > 0;
  }
}
