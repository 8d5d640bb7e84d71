// "Did you mean" hints for misspelt mnemonics, directives and labels: the known names closest by
// edit distance (Damerau-Levenshtein, optimal string alignment: a swapped pair of letters counts
// as one edit), when close enough to be a plausible typo.

export function didYouMean(word: string, known: Iterable<string>): string {
  const limit = word.length <= 3 ? 1 : 2;
  let best = limit + 1;
  let names: string[] = [];
  for (const name of known) {
    const d = distance(word, name);
    if (d > limit) continue;
    if (d < best) {
      best = d;
      names = [name];
    } else if (d === best) {
      names.push(name);
    }
  }
  if (names.length === 0) return '';
  const quoted = names.slice(0, 4).map((n) => `'${n}'`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  return `; did you mean ${list}?`;
}

function distance(a: string, b: string): number {
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], before[j - 2] + 1);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length];
}
