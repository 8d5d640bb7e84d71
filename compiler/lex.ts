// TinyScript's lexer (ASVM's Parser.lex, described in ../shared/TINYSCRIPT.md): keywords in all lower
// or all upper case, names, decimal numbers, `!` comments to the end of the line, and the operator
// characters. Whitespace and newlines only separate tokens. A character that starts no token is an
// error at its place; lexing goes on after it, so every such mistake is reported at once.

import { Diagnostics, type Loc } from './errors.js';

export const KEYWORDS = [
  'if', 'then', 'else', 'end', 'for', 'to', 'step', 'next', 'until', 'while', 'private', 'shared', 'buffer',
  'constant', 'not', 'and', 'or', 'xor', 'eqv', 'imp',
  // Additions to ASVM's language (README, "TinyScript"): the header's two words.
  'handler', 'version',
] as const;
export type Keyword = (typeof KEYWORDS)[number];

/** Operator and punctuation tokens, longest first so that `<=` wins over `<`. */
const SYMBOLS = ['<=', '>=', '<>', '=', '<', '>', '+', '-', '*', '/', '%', '^', '&', '|', '#', '~', '(', ')', '[', ']', ',', ';', '@'] as const;
export type Punctuation = (typeof SYMBOLS)[number];

export type Token =
  | (Loc & { readonly kind: 'keyword'; readonly text: Keyword })
  | (Loc & { readonly kind: 'name'; readonly text: string })
  | (Loc & { readonly kind: 'number'; readonly text: string; readonly value: number })
  | (Loc & { readonly kind: 'symbol'; readonly text: Punctuation })
  | (Loc & { readonly kind: 'eof'; readonly text: '' });

const KEYWORD_SET = new Set<string>(KEYWORDS);

/** The keyword a word spells, if it is one in all lower or all upper case (ASVM's rule). */
function keywordOf(word: string): Keyword | undefined {
  const lower = word.toLowerCase();
  if (!KEYWORD_SET.has(lower)) return undefined;
  return word === lower || word === word.toUpperCase() ? (lower as Keyword) : undefined;
}

export function lex(source: string, diagnostics: Diagnostics): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    const at = { line, col: i - lineStart + 1 };
    if (ch === '\n' || ch === '\r') {
      // \r\n, \n and a lone \r each end a line.
      i += ch === '\r' && source[i + 1] === '\n' ? 2 : 1;
      line++;
      lineStart = i;
    } else if (ch === ' ' || ch === '\t' || ch === '\f' || ch === '\v') {
      i++;
    } else if (ch === '!') {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
    } else if (/[A-Za-z_]/.test(ch)) {
      const start = i;
      while (i < source.length && /[A-Za-z0-9_]/.test(source[i])) i++;
      const word = source.slice(start, i);
      const keyword = keywordOf(word);
      tokens.push(keyword === undefined ? { kind: 'name', text: word, ...at } : { kind: 'keyword', text: keyword, ...at });
    } else if (/[0-9]/.test(ch)) {
      const start = i;
      while (i < source.length && /[0-9]/.test(source[i])) i++;
      const text = source.slice(start, i);
      if (i < source.length && /[A-Za-z_]/.test(source[i])) {
        while (i < source.length && /[A-Za-z0-9_]/.test(source[i])) i++;
        diagnostics.error(at, `'${source.slice(start, i)}' is not a number (numbers are decimal digits) or a name (names start with a letter or _)`);
        // Read on as the number 0, so the parser does not report the same mistake again.
        tokens.push({ kind: 'number', text: source.slice(start, i), value: 0, ...at });
        continue;
      }
      tokens.push({ kind: 'number', text, value: Number(text), ...at });
    } else {
      const symbol = SYMBOLS.find((s) => source.startsWith(s, i));
      if (symbol === undefined) {
        const code = source.codePointAt(i) ?? 0;
        const shown = code < 0x20 || code === 0x7f ? `U+${code.toString(16).padStart(4, '0')}` : String.fromCodePoint(code);
        diagnostics.error(at, `unexpected character '${shown}'`);
        i += code > 0xffff ? 2 : 1;
        continue;
      }
      tokens.push({ kind: 'symbol', text: symbol, ...at });
      i += symbol.length;
    }
  }
  tokens.push({ kind: 'eof', text: '', line, col: i - lineStart + 1 });
  return tokens;
}
