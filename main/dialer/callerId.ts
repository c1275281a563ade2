import { hash } from 'node:crypto';

export interface CallerNumber {
  id: string;
  number: string;
  weight: number;
}

/** A stable number in (0, 1) for a contact and a caller number. */
function unitHash(contactId: string, numberId: string): number {
  const digest = hash('sha256', `${contactId}\u0000${numberId}`, 'buffer');
  return (digest.readUIntBE(0, 6) + 1) / (2 ** 48 + 2);
}

/**
 * The caller ID for a contact: its previous number while that is still usable, otherwise weighted
 * rendezvous hashing, so each contact keeps one number, load spreads by weight across all of them,
 * and removing a number moves only its own contacts.
 */
export function pickCallerNumber<N extends CallerNumber>(contactId: string, numbers: readonly N[], previousId: string | null): N | null {
  if (numbers.length <= 1) return numbers[0] ?? null;
  const previous = numbers.find((n) => n.id === previousId);
  if (previous) return previous;
  let best: N | null = null;
  let bestScore = -Infinity;
  for (const n of numbers) {
    const score = -n.weight / Math.log(unitHash(contactId, n.id));
    if (score > bestScore) {
      best = n;
      bestScore = score;
    }
  }
  return best;
}
