import { describe, expect, it } from 'vitest';
import { pickCallerNumber, type CallerNumber } from '../../main/dialer/callerId';

const num = (id: string, weight = 1): CallerNumber => ({ id, number: `+1202555${id.padStart(4, '0').slice(-4)}`, weight });
const contacts = Array.from({ length: 10_000 }, (_, i) => `ct_${i.toString(36)}_${(i * 2654435761) % 1_000_003}`);

function tally(numbers: CallerNumber[]): Map<string, number> {
  const counts = new Map(numbers.map((n) => [n.id, 0]));
  for (const c of contacts) {
    const picked = pickCallerNumber(c, numbers, null)!;
    counts.set(picked.id, counts.get(picked.id)! + 1);
  }
  return counts;
}

describe('caller ID: sticky per contact', () => {
  const numbers = [num('1'), num('2'), num('3'), num('4')];

  it('the same contact always gets the same number', () => {
    for (const c of contacts.slice(0, 500)) {
      const first = pickCallerNumber(c, numbers, null);
      for (let i = 0; i < 3; i++) expect(pickCallerNumber(c, numbers, null)).toBe(first);
    }
  });

  it('does not depend on the order the numbers are listed in', () => {
    const reversed = [...numbers].reverse();
    const rotated = [...numbers.slice(2), ...numbers.slice(0, 2)];
    for (const c of contacts.slice(0, 500)) {
      const id = pickCallerNumber(c, numbers, null)!.id;
      expect(pickCallerNumber(c, reversed, null)!.id).toBe(id);
      expect(pickCallerNumber(c, rotated, null)!.id).toBe(id);
    }
  });

  it('keeps the previous number while it is still in the list, even when the hash prefers another', () => {
    for (const c of contacts.slice(0, 200)) {
      const hashed = pickCallerNumber(c, numbers, null)!;
      const other = numbers.find((n) => n.id !== hashed.id)!;
      expect(pickCallerNumber(c, numbers, other.id)).toBe(other);
    }
  });

  it('falls back to the hash when the previous number is gone (removed or inactive)', () => {
    for (const c of contacts.slice(0, 200)) {
      const hashed = pickCallerNumber(c, numbers, null)!;
      expect(pickCallerNumber(c, numbers, 'gone')).toBe(hashed);
      const without = numbers.filter((n) => n.id !== hashed.id);
      const moved = pickCallerNumber(c, without, hashed.id)!;
      expect(moved.id).not.toBe(hashed.id);
      expect(without).toContain(moved);
    }
  });

  it('returns one of the given numbers (the same object)', () => {
    for (const c of contacts.slice(0, 100)) expect(numbers).toContain(pickCallerNumber(c, numbers, null));
  });

  it('an empty list gives null, also with a previous id', () => {
    expect(pickCallerNumber('ct_1', [], null)).toBeNull();
    expect(pickCallerNumber('ct_1', [], '1')).toBeNull();
  });

  it('a single number serves everyone', () => {
    const only = [num('9')];
    for (const c of contacts.slice(0, 100)) expect(pickCallerNumber(c, only, null)).toBe(only[0]);
  });
});

describe('caller ID: spread by weight over 10,000 contacts', () => {
  it('equal weights spread evenly (each within ±2.5 points of its share)', () => {
    const numbers = [num('1'), num('2'), num('3'), num('4')];
    const counts = tally(numbers);
    for (const n of numbers) expect(Math.abs(counts.get(n.id)! / contacts.length - 0.25)).toBeLessThan(0.025);
  });

  it('weights 1:1:2 give about 25% / 25% / 50%', () => {
    const numbers = [num('1', 1), num('2', 1), num('3', 2)];
    const counts = tally(numbers);
    const share = (id: string) => counts.get(id)! / contacts.length;
    expect(Math.abs(share('1') - 0.25)).toBeLessThan(0.025);
    expect(Math.abs(share('2') - 0.25)).toBeLessThan(0.025);
    expect(Math.abs(share('3') - 0.5)).toBeLessThan(0.025);
  });

  it('weights 1:3:6 give about 10% / 30% / 60%', () => {
    const numbers = [num('a', 1), num('b', 3), num('c', 6)];
    const counts = tally(numbers);
    [0.1, 0.3, 0.6].forEach((want, i) => expect(Math.abs(counts.get(numbers[i].id)! / contacts.length - want)).toBeLessThan(0.025));
  });

  it('every number gets some contacts (all selected numbers are used)', () => {
    const numbers = Array.from({ length: 12 }, (_, i) => num(String(i + 1)));
    const counts = tally(numbers);
    for (const n of numbers) expect(counts.get(n.id)!).toBeGreaterThan(contacts.length / 12 / 2);
  });
});

describe('caller ID: minimal movement', () => {
  it('removing one number moves only that number’s contacts, and spreads them over the rest', () => {
    const numbers = [num('1'), num('2', 2), num('3'), num('4')];
    const before = new Map(contacts.map((c) => [c, pickCallerNumber(c, numbers, null)!.id]));
    const without = numbers.filter((n) => n.id !== '2');
    const landed = new Map<string, number>();
    for (const c of contacts) {
      const after = pickCallerNumber(c, without, null)!.id;
      if (before.get(c) !== '2') expect(after).toBe(before.get(c));
      else landed.set(after, (landed.get(after) ?? 0) + 1);
    }
    // the moved contacts are not all dumped on one number
    expect(landed.size).toBe(3);
  });

  it('adding a number only moves contacts onto the new number', () => {
    const numbers = [num('1'), num('2'), num('3')];
    const added = [...numbers, num('4')];
    let moved = 0;
    for (const c of contacts) {
      const before = pickCallerNumber(c, numbers, null)!.id;
      const after = pickCallerNumber(c, added, null)!.id;
      if (after !== before) {
        expect(after).toBe('4');
        moved++;
      }
    }
    expect(Math.abs(moved / contacts.length - 0.25)).toBeLessThan(0.025);
  });

  it('changing one number’s weight moves contacts only to or from that number', () => {
    const numbers = [num('1'), num('2'), num('3')];
    const heavier = [num('1'), num('2', 3), num('3')];
    for (const c of contacts) {
      const before = pickCallerNumber(c, numbers, null)!.id;
      const after = pickCallerNumber(c, heavier, null)!.id;
      if (after !== before) expect(after).toBe('2');
    }
  });
});
