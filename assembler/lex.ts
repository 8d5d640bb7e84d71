// Splits one line of assembly into tokens with their 1-based columns. `#` and `;` start a comment
// outside a string; strings are JSON string literals (used by `.name` for names with spaces).

export type Token =
  | { readonly kind: 'word'; readonly text: string; readonly col: number }
  | { readonly kind: 'string'; readonly text: string; readonly col: number; readonly value: string }
  | { readonly kind: 'colon' | 'comma'; readonly text: string; readonly col: number };

export type LexResult = { ok: true; tokens: Token[] } | { ok: false; col: number; message: string };

const BREAK = /[\s#;:,"]/;

/** Whether text lexes as a single word token (the disassembler prints such names unquoted). */
export function isWord(text: string): boolean {
  return text.length > 0 && !/[\s#;:,"]/.test(text);
}

export function lexLine(line: string): LexResult {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === '#' || c === ';') break;
    if (/\s/.test(c)) {
      i++;
    } else if (c === ':' || c === ',') {
      tokens.push({ kind: c === ':' ? 'colon' : 'comma', text: c, col: i + 1 });
      i++;
    } else if (c === '"') {
      const end = closingQuote(line, i);
      const value = end < 0 ? undefined : parseString(line.slice(i, end + 1));
      if (value === undefined) return { ok: false, col: i + 1, message: 'unterminated or malformed string' };
      tokens.push({ kind: 'string', text: line.slice(i, end + 1), col: i + 1, value });
      i = end + 1;
    } else {
      let j = i + 1;
      while (j < line.length && !BREAK.test(line[j])) j++;
      tokens.push({ kind: 'word', text: line.slice(i, j), col: i + 1 });
      i = j;
    }
  }
  return { ok: true, tokens };
}

function closingQuote(line: string, open: number): number {
  for (let j = open + 1; j < line.length; j++) {
    if (line[j] === '\\') j++;
    else if (line[j] === '"') return j;
  }
  return -1;
}

function parseString(literal: string): string | undefined {
  try {
    const value: unknown = JSON.parse(literal);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
