// Assembly errors as values (STYLE 5) and their clang-style rendering: `file:line:col: message`,
// the source line, and a caret under the column.

export interface AsmError {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units of the line. */
  readonly col: number;
  readonly message: string;
  /** The text of the line, without its line ending. */
  readonly source: string;
}

export function formatError(e: AsmError): string {
  // Tabs in front of the column are kept so that the caret lines up in any terminal.
  const pad = e.source.slice(0, Math.max(0, e.col - 1)).replace(/[^\t]/g, ' ');
  return `${e.file}:${e.line}:${e.col}: ${e.message}\n${e.source}\n${pad}^`;
}
