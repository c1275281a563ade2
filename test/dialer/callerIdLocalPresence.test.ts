import { describe, expect, it } from 'vitest';
import { localityOf, pickCallerNumber, type CallerNumber } from '../../main/dialer/callerId';

const num = (id: string, number: string, weight = 1): CallerNumber => ({ id, number, weight });
const NEW_YORK = num('ny', '+12125550100');
const CHICAGO = num('chi', '+13125550100');
const SAN_FRANCISCO = num('sf', '+14155550100');
const THREE = [NEW_YORK, CHICAGO, SAN_FRANCISCO];
const contacts = Array.from({ length: 2000 }, (_, i) => `ct_${i.toString(36)}`);

const localPick = (numbers: readonly CallerNumber[], phone: string, contactId = 'ct_1', previous: string | null = null) =>
  pickCallerNumber(contactId, numbers, previous, phone)?.id;

describe('local presence: the number nearest the contact', () => {
  it('shares the contact’s area code', () => {
    expect(localPick(THREE, '+12125550123')).toBe('ny');
    expect(localPick(THREE, '+13125550123')).toBe('chi');
    expect(localPick(THREE, '+14155550123')).toBe('sf');
  });

  it('else is in the same state (Brooklyn 347, Chicago 773, Oakland 510)', () => {
    expect(localPick(THREE, '+13475550123')).toBe('ny');
    expect(localPick(THREE, '+17735550123')).toBe('chi');
    expect(localPick(THREE, '+15105550123')).toBe('sf');
  });

  it('else is in the same time zone (Atlanta: Eastern, Dallas: Central, Seattle: Pacific)', () => {
    expect(localPick(THREE, '+14045550123')).toBe('ny');
    expect(localPick(THREE, '+12145550123')).toBe('chi');
    expect(localPick(THREE, '+12065550123')).toBe('sf');
  });

  it('else is the usual weighted pick (Denver has none of their zones; nor has London)', () => {
    for (const phone of ['+13035550123', '+442079460123']) {
      for (const c of contacts.slice(0, 200)) expect(pickCallerNumber(c, THREE, null, phone)).toBe(pickCallerNumber(c, THREE, null));
    }
  });

  it('spreads by weight, stably, among several numbers of the best level, and never beyond them', () => {
    const numbers = [...THREE, num('ny2', '+12125550101', 3)];
    const counts = new Map<string, number>();
    for (const c of contacts) {
      const id = localPick(numbers, '+12125550123', c)!;
      expect(localPick(numbers, '+12125550123', c)).toBe(id);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['ny', 'ny2']);
    expect(Math.abs(counts.get('ny2')! / contacts.length - 0.75)).toBeLessThan(0.04);
  });

  it('stays sticky: the previous number while it is selected, even when another is nearer', () => {
    expect(localPick(THREE, '+12125550123', 'ct_1', 'sf')).toBe('sf');
    expect(localPick(THREE, '+12125550123', 'ct_1', 'gone')).toBe('ny');
  });

  it('outside the NANP matches by time zone: a London contact gets a UK number, of either city', () => {
    const numbers = [...THREE, num('ldn', '+442079460100'), num('man', '+441614960100')];
    const picked = new Set(contacts.slice(0, 200).map((c) => localPick(numbers, '+442079460123', c)));
    expect([...picked].sort()).toEqual(['ldn', 'man']);
    expect(localityOf('+442079460123')).toEqual({ areaCode: null, state: null, zones: ['Europe/London'] });
  });
});
