// Small, strict readers for the tests: an RFC 4180 CSV parser and an XML well-formedness checker
// (balanced tags, quoted attributes, no raw '<' or '&' in text). Enough for our own output.

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else if (ch === '"' || ch === '\n') throw new Error(`stray ${JSON.stringify(ch)} at ${i}`);
    else field += ch;
    i++;
  }
  if (quoted) throw new Error('unterminated quote');
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

const NAME = '[A-Za-z_][\\w:.-]*';
const ATTRIBUTES = `(?:\\s+${NAME}\\s*=\\s*"[^"<&]*(?:&(?:amp|lt|gt|quot|apos);[^"<&]*)*")*`;
const TAG = new RegExp(`^<(/?)(${NAME})(${ATTRIBUTES})\\s*(/?)>`);
const ENTITY = /^&(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);/;

export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  let text = xml.replace(/^<\?xml[^?]*\?>/, '');
  let roots = 0;
  while (text.length > 0) {
    if (text.startsWith('<!--')) {
      const end = text.indexOf('-->');
      if (end < 0) return [...problems, 'unterminated comment'];
      text = text.slice(end + 3);
    } else if (text[0] === '<') {
      const m = TAG.exec(text);
      if (!m) return [...problems, `bad tag at: ${text.slice(0, 30)}`];
      const [whole, close, name, , selfClose] = m;
      if (close) {
        const top = open.pop();
        if (top !== name) problems.push(`</${name}> closes <${top ?? 'nothing'}>`);
      } else {
        if (open.length === 0) roots++;
        if (!selfClose) open.push(name);
      }
      text = text.slice(whole.length);
    } else if (text[0] === '&') {
      const m = ENTITY.exec(text);
      if (!m) return [...problems, `raw & at: ${text.slice(0, 20)}`];
      text = text.slice(m[0].length);
    } else {
      if (open.length === 0 && text[0].trim() !== '') problems.push('text outside the root element');
      text = text.slice(1);
    }
  }
  if (open.length > 0) problems.push(`unclosed <${open.join('>, <')}>`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}
