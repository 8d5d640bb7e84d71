// What each algorithm's messages are, by their first word (the capsule READMEs' message formats),
// so that a diagram colours markers apart from tokens, interests apart from events.

type Classify = (words: readonly number[]) => string;

const byKind =
  (names: Readonly<Record<number, string>>): Classify =>
  (words) =>
    names[words[0]] ?? `kind ${words[0]}`;

const CLASSES: Readonly<Record<string, Classify>> = {
  lamport: () => 'message',
  snapshot: byKind({ 1: 'token', 2: 'marker' }),
  floodset: () => 'values',
  floodmax: () => 'largest id',
  lcr: byKind({ 1: 'election', 2: 'leader' }),
  tree: byKind({ 1: 'beacon', 2: 'reading' }),
  dag: byKind({ 1: 'beacon', 2: 'reading' }),
  aggregate: byKind({ 1: 'beacon', 3: 'partial' }),
  diffusion: (words) => (words[0] === 2 ? (words[5] === 1 ? 'exploratory event' : 'reinforced event') : ({ 1: 'interest', 3: 'reinforcement' } as Record<number, string>)[words[0]] ?? `kind ${words[0]}`),
};

/** The class of a message an algorithm's capsules sent; "message" for algorithms without a table. */
export function messageClass(algorithm: string, words: readonly number[]): string {
  return (CLASSES[algorithm] ?? (() => 'message'))(words);
}
