// LCR's own check beside the election oracle (capsules/floodmax/oracle.ts): the message counts of
// Lynch's analysis: n(n+1)/2 election messages when ids decrease along the ring, 2n-1 when they
// increase, between the two otherwise; the announcement takes n more, counted apart.

export type RingOrder = 'best' | 'worst' | 'random';

/** LCR's election messages: exact in the best and worst orders, between them otherwise (Lynch 3.3.2). */
export function lcrCountFailures(n: number, order: RingOrder, messages: number, announceMessages: number): string[] {
  const worst = (n * (n + 1)) / 2;
  const best = 2 * n - 1;
  const failures: string[] = [];
  if (order === 'worst' && messages !== worst) failures.push(`messages: ${messages} election messages, the worst order takes n(n+1)/2 = ${worst}`);
  if (order === 'best' && messages !== best) failures.push(`messages: ${messages} election messages, the best order takes 2n-1 = ${best}`);
  if (order === 'random' && (messages < best || messages > worst)) failures.push(`messages: ${messages} election messages, outside 2n-1 = ${best} .. n(n+1)/2 = ${worst}`);
  if (announceMessages !== n) failures.push(`announceMessages: ${announceMessages}, the announcement goes round once: ${n}`);
  return failures;
}
