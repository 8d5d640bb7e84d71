// TinyScript's parser (ASVM's Parser.cup, described in ../shared/TINYSCRIPT.md), by recursive descent:
// a header, the declarations, then the statements; expressions by the precedence table, loosest
// first. A syntax error is reported at its token and the parser skips to the next `;` or statement
// keyword and goes on, so one run reports every mistake it can find.

import type { BinaryOp, Decl, DeclKind, Expr, ForEnd, Header, Program, Stmt } from './ast.js';
import type { Diagnostics, Loc } from './errors.js';
import type { Keyword, Token } from './lex.js';

/** Binary levels from the loosest to the tightest (TINYSCRIPT.md); `not` and `~` sit between. */
const LEVELS: readonly (readonly BinaryOp[])[] = [
  ['eqv'], ['imp'], ['or', 'xor'], ['and'],
  /* not */ ['=', '<>', '<', '>', '<=', '>='], ['|', '#'], ['&'],
  /* ~ */ ['+', '-'], ['*', '/', '%'], ['^'],
];
/** Index in LEVELS at which a prefix operator applies to the rest (`not` before comparisons, `~` before +). */
const NOT_LEVEL = 4;
const TILDE_LEVEL = 7;

/** Thrown inside the parser only, to unwind to the statement being parsed; never escapes parse(). */
class SyntaxFailure {}

const DECL_KINDS: readonly DeclKind[] = ['private', 'shared', 'buffer', 'constant'];
const BLOCK_ENDS: readonly Keyword[] = ['end', 'else', 'next'];
const STATEMENT_STARTS: readonly Keyword[] = ['if', 'for', 'while', 'end', 'else', 'next'];
/** Deeper nesting is refused, so that no input can exhaust the parser's own stack. */
export const MAX_NESTING = 100;
/** Operators in one statement or declaration; more is refused for the same reason (later passes recurse over the tree). */
export const MAX_OPERATORS = 1000;


export function parse(tokens: readonly Token[], diagnostics: Diagnostics): Program {
  let k = 0;
  const peek = (ahead = 0): Token => tokens[Math.min(k + ahead, tokens.length - 1)];
  const describe = (t: Token): string => (t.kind === 'eof' ? 'the end of the file' : `'${t.text}'`);
  const fail = (at: Loc, message: string): never => {
    diagnostics.error(at, message);
    throw new SyntaxFailure();
  };
  const isKeyword = (word: Keyword, t = peek()): boolean => t.kind === 'keyword' && t.text === word;
  const isSymbol = (symbol: string, t = peek()): boolean => t.kind === 'symbol' && t.text === symbol;
  const expectSymbol = (symbol: string, what: string): Token => {
    const t = peek();
    if (!isSymbol(symbol, t)) fail(t, `expected '${symbol}' ${what}, found ${describe(t)}`);
    k++;
    return t;
  };
  const expectKeyword = (word: Keyword, what: string): Token => {
    const t = peek();
    if (!isKeyword(word, t)) fail(t, `expected '${word}' ${what}, found ${describe(t)}`);
    k++;
    return t;
  };
  /**
   * A `;` forgotten at the end of a line is reported and the statement kept, so the next line reads
   * as the next statement; anything else where the `;` belongs fails the statement as usual.
   */
  const endOfStatement = (what: string): void => {
    const t = peek();
    if (isSymbol(';', t)) {
      k++;
      return;
    }
    const message = `expected ';' ${what}, found ${describe(t)}`;
    if (k > 0 && t.kind !== 'eof' && t.line === tokens[k - 1].line) fail(t, message);
    diagnostics.error(t, message);
  };
  const expectName = (what: string): Extract<Token, { kind: 'name' }> => {
    const t = peek();
    if (t.kind !== 'name') return fail(t, `expected ${what}, found ${t.kind === 'keyword' ? `the keyword '${t.text}'` : describe(t)}`);
    k++;
    return t;
  };
  /** Skip to just past the next `;`, or to a keyword that starts or ends a statement. */
  const recover = (): void => {
    const start = k;
    for (;;) {
      const t = peek();
      if (t.kind === 'eof') return;
      if (isSymbol(';', t)) {
        k++;
        return;
      }
      if (t.kind === 'keyword' && (STATEMENT_STARTS as readonly string[]).includes(t.text) && k > start) return;
      if (t.kind === 'keyword' && (DECL_KINDS as readonly string[]).includes(t.text) && k > start) return;
      k++;
    }
  };

  let nesting = 0;
  /** Run one level of nesting (an expression, a unary operand, a block), refusing past MAX_NESTING. */
  const nested = <T>(at: Loc, parse: () => T): T => {
    if (nesting >= MAX_NESTING) fail(at, `nested too deeply (more than ${MAX_NESTING} levels)`);
    nesting++;
    try {
      return parse();
    } finally {
      nesting--;
    }
  };

  // --- expressions ----------------------------------------------------------------------------
  let operators = 0;
  const expression = (level = 0): Expr => {
    if (level !== 0) return levelExpression(level);
    return nested(peek(), () => levelExpression(0));
  };
  const levelExpression = (level: number): Expr => {
    if (level === NOT_LEVEL && isKeyword('not')) {
      const t = peek();
      k++;
      return { kind: 'unary', at: t, op: 'not', operand: nested(t, () => levelExpression(NOT_LEVEL)) };
    }
    if (level === TILDE_LEVEL && isSymbol('~')) {
      const t = peek();
      k++;
      return { kind: 'unary', at: t, op: '~', operand: nested(t, () => levelExpression(TILDE_LEVEL)) };
    }
    if (level === LEVELS.length) return unary();
    let left = levelExpression(level + 1);
    for (;;) {
      const t = peek();
      const op = LEVELS[level].find((o) => (t.kind === 'symbol' || t.kind === 'keyword') && t.text === o);
      if (op === undefined) return left;
      if (++operators > MAX_OPERATORS) fail(t, `expression too long (more than ${MAX_OPERATORS} operators)`);
      k++;
      const right = levelExpression(level + 1);
      left = { kind: 'binary', at: t, op, left, right };
    }
  };
  const unary = (): Expr => {
    const t = peek();
    if (isSymbol('-', t)) {
      k++;
      return { kind: 'unary', at: t, op: '-', operand: nested(t, unary) };
    }
    return primary();
  };
  const primary = (): Expr => {
    const t = peek();
    if (t.kind === 'number') {
      k++;
      return { kind: 'number', at: t, value: t.value };
    }
    if (isSymbol('(', t)) {
      k++;
      const inner = expression();
      expectSymbol(')', 'to close the parenthesis');
      return inner;
    }
    if (t.kind === 'name') {
      k++;
      if (isSymbol('(')) return { kind: 'call', at: t, name: t.text, args: argumentList() };
      if (isSymbol('[')) return { kind: 'element', at: t, buffer: t.text, index: bufferIndex() };
      return { kind: 'name', at: t, name: t.text };
    }
    if (isSymbol('~', t) || isKeyword('not', t)) {
      // A prefix operator where an operand is due: `x + ~y`, `a = not b`. It applies to that operand.
      k++;
      return { kind: 'unary', at: t, op: t.text === '~' ? '~' : 'not', operand: nested(t, unary) };
    }
    return fail(t, `expected an expression, found ${t.kind === 'keyword' ? `the keyword '${t.text}'` : describe(t)}`);
  };
  const argumentList = (): Expr[] => {
    expectSymbol('(', 'before the arguments');
    const args: Expr[] = [];
    if (isSymbol(')')) {
      k++;
      return args;
    }
    for (;;) {
      args.push(expression());
      if (isSymbol(',')) {
        k++;
        continue;
      }
      expectSymbol(')', 'after the arguments');
      return args;
    }
  };
  const bufferIndex = (): Expr | null => {
    expectSymbol('[', 'before the index');
    if (isSymbol(']')) {
      k++;
      return null;
    }
    const index = expression();
    expectSymbol(']', 'after the index');
    return index;
  };

  // --- statements -----------------------------------------------------------------------------
  const block = (): Stmt[] => nested(peek(), blockBody);
  const blockBody = (): Stmt[] => {
    const body: Stmt[] = [];
    for (;;) {
      const t = peek();
      if (t.kind === 'eof' || (t.kind === 'keyword' && (BLOCK_ENDS as readonly string[]).includes(t.text))) return body;
      if (t.kind === 'keyword' && (DECL_KINDS as readonly string[]).includes(t.text)) {
        diagnostics.error(t, `declarations come before the statements; move this '${t.text}' up`);
        k++;
        recover();
        continue;
      }
      const before = k;
      try {
        body.push(statement());
      } catch (error) {
        if (!(error instanceof SyntaxFailure)) throw error;
        if (k === before) k++;
        recover();
      }
    }
  };
  const endOf = (word: 'if' | 'while', opened: Loc): void => {
    const t = peek();
    if (!isKeyword('end', t)) fail(t, `expected 'end ${word}' to close the '${word}' on line ${opened.line}, found ${describe(t)}`);
    k++;
    expectKeyword(word, `after 'end' (closing the '${word}' on line ${opened.line})`);
  };
  const statement = (): Stmt => {
    const t = peek();
    operators = 0;
    if (isKeyword('if', t)) {
      k++;
      const condition = expression();
      // A missing `then` is reported and the if read on, so its body and `end if` still match up.
      if (isKeyword('then')) k++;
      else diagnostics.error(peek(), `expected 'then' after the 'if' condition, found ${describe(peek())}`);
      const then = block();
      let otherwise: Stmt[] | null = null;
      if (isKeyword('else')) {
        k++;
        otherwise = block();
      }
      endOf('if', t);
      return { kind: 'if', at: t, condition, then, otherwise };
    }
    if (isKeyword('while', t)) {
      k++;
      const condition = expression();
      const body = block();
      endOf('while', t);
      return { kind: 'while', at: t, condition, body };
    }
    if (isKeyword('for', t)) return forLoop(t);
    if (t.kind === 'name') {
      k++;
      if (isSymbol('=')) {
        k++;
        const value = expression();
        endOfStatement('after the assignment');
        return { kind: 'assign', at: t, name: t.text, value };
      }
      if (isSymbol('[')) {
        const index = bufferIndex();
        expectSymbol('=', `after '${t.text}[...]' (a buffer element is written with =)`);
        const value = expression();
        endOfStatement('after the assignment');
        return { kind: 'store', at: t, buffer: t.text, index, value };
      }
      if (isSymbol('(')) {
        const call = { kind: 'call' as const, at: t, name: t.text, args: argumentList() };
        endOfStatement('after the call');
        return { kind: 'call', at: t, call };
      }
      return fail(peek(), `expected '=', '[' or '(' after '${t.text}', found ${describe(peek())}`);
    }
    if (t.kind === 'keyword' && (t.text === 'end' || t.text === 'else' || t.text === 'next')) {
      return fail(t, `'${t.text}' without a matching ${t.text === 'next' ? "'for'" : t.text === 'else' ? "'if'" : "'if' or 'while'"}`);
    }
    return fail(t, `expected a statement, found ${t.kind === 'keyword' ? `the keyword '${t.text}'` : describe(t)}`);
  };
  const forLoop = (t: Token): Stmt => {
    k++;
    const variable = expectName("the loop variable after 'for'");
    expectSymbol('=', 'after the loop variable');
    const start = expression();
    let step: Expr | null = null;
    let end: ForEnd;
    if (isKeyword('to')) {
      k++;
      const bound = expression();
      if (isKeyword('step')) {
        k++;
        step = expression();
      }
      end = { kind: 'to', bound };
    } else {
      if (isKeyword('step')) {
        k++;
        step = expression();
      }
      const word = peek();
      if (!isKeyword('until', word) && !isKeyword('while', word)) {
        return fail(word, `expected 'to', 'step', 'until' or 'while' in the 'for' loop, found ${describe(word)}`);
      }
      k++;
      end = { kind: word.text === 'until' ? 'until' : 'while', condition: expression() };
    }
    const body = block();
    const close = peek();
    if (!isKeyword('next', close)) fail(close, `expected 'next ${variable.text}' to close the 'for' on line ${t.line}, found ${describe(close)}`);
    k++;
    const next = expectName(`the loop variable after 'next' (closing the 'for' on line ${t.line})`);
    return { kind: 'for', at: t, variable: variable.text, variableAt: variable, start, step, end, body, next: next.text, nextAt: next };
  };

  // --- header and declarations ----------------------------------------------------------------
  const optionalSemicolon = (): void => {
    if (isSymbol(';')) k++;
  };
  const header = (): Header => {
    let result: Header = {};
    for (;;) {
      const t = peek();
      try {
        if (isKeyword('handler', t)) {
          k++;
          const name = expectName("a capsule type after 'handler' (clock, send, receive, once, sub0..sub3)");
          if (result.handler !== undefined) diagnostics.error(t, `a second 'handler' line (the first is on line ${result.handler.at.line})`);
          result = { ...result, handler: { at: name, name: name.text } };
          optionalSemicolon();
        } else if (isKeyword('version', t)) {
          k++;
          const n = peek();
          if (n.kind !== 'number') fail(n, `expected a version number after 'version', found ${describe(n)}`);
          k++;
          if (result.version !== undefined) diagnostics.error(t, `a second 'version' line (the first is on line ${result.version.at.line})`);
          result = { ...result, version: { at: n, value: n.kind === 'number' ? n.value : 0 } };
          optionalSemicolon();
        } else {
          return result;
        }
      } catch (error) {
        if (!(error instanceof SyntaxFailure)) throw error;
        recover();
      }
    }
  };
  const declarations = (): Decl[] => {
    const decls: Decl[] = [];
    for (;;) {
      const t = peek();
      if (t.kind !== 'keyword') return decls;
      if (t.text === 'handler' || t.text === 'version') {
        diagnostics.error(t, `the header ('${t.text}') comes first, before the declarations`);
        k++;
        recover();
        continue;
      }
      const kind = DECL_KINDS.find((d) => d === t.text);
      if (kind === undefined) return decls;
      k++;
      operators = 0;
      try {
        const name = expectName(`a name after '${kind}'`);
        let value: Expr | undefined;
        let slot: Expr | undefined;
        if (kind === 'constant') {
          expectSymbol('=', `after the constant's name (constant ${name.text} = 8;)`);
          value = expression();
        } else if (isSymbol('@') && kind !== 'buffer') {
          k++;
          slot = expression();
        }
        endOfStatement(`after the declaration of '${name.text}'`);
        decls.push({ kind, at: name, name: name.text, value, slot });
      } catch (error) {
        if (!(error instanceof SyntaxFailure)) throw error;
        recover();
      }
    }
  };

  const head = header();
  const decls = declarations();
  const body = block();
  // Whatever stopped the statements before the end of the file is out of place; report and go on.
  while (peek().kind !== 'eof') {
    const t = peek();
    diagnostics.error(t, `'${t.text}' without a matching ${t.text === 'next' ? "'for'" : t.text === 'else' ? "'if'" : "'if' or 'while'"}`);
    k++;
    recover();
    body.push(...block());
  }
  // The closing halt or ret belongs to the last token of the file (the end of the file if empty).
  const last = tokens.length > 1 ? tokens[tokens.length - 2] : peek();
  return { header: head, decls, body, end: { line: last.line, col: last.col } };
}
