import { describe, expect, it } from 'vitest';
import { checkHours, nextAllowedInstant, type HoursInput } from '../../shared/compliance/legalHours';
import { FEDERAL_RULE, STATE_RULES } from '../../shared/compliance/statePresets';
import type { UsState } from '../../shared/compliance/usStates';

const at = (iso: string) => Date.parse(iso);
const base = { fallbackZone: 'America/New_York', guard: true };
const check = (iso: string, zones: string[], states: UsState[], extra: Partial<HoursInput> = {}) =>
  checkHours({ ...base, at: at(iso), zones, states, ...extra });

function held(decision: ReturnType<typeof checkHours>): { reason: string; until: string | null } {
  if (decision.allowed) throw new Error('expected a hold');
  return { reason: decision.reason, until: decision.until === null ? null : new Date(decision.until).toISOString() };
}

describe('legal hours: federal 08:00–21:00 and state presets', () => {
  it('FL: 08:00–20:00 local, across spring-forward (2026-03-08) and fall-back (2026-11-01)', () => {
    const ny = ['America/New_York'];
    expect(check('2026-03-06T00:59:00Z', ny, ['FL']).allowed).toBe(true); // Thu 19:59 EST
    expect(held(check('2026-03-07T01:00:00Z', ny, ['FL']))).toEqual({
      reason: 'FL: outside legal hours 08:00–20:00 in America/New_York',
      until: '2026-03-07T13:00:00.000Z', // Fri 08:00 EST
    });
    // Saturday 20:30 EST -> Sunday 08:00, which is already EDT after the 02:00 jump
    expect(held(check('2026-03-08T01:30:00Z', ny, ['FL'])).until).toBe('2026-03-08T12:00:00.000Z');
    expect(check('2026-03-08T11:59:59Z', ny, ['FL']).allowed).toBe(false);
    expect(check('2026-03-08T12:00:00Z', ny, ['FL']).allowed).toBe(true);
    // Saturday 21:00 EDT -> Sunday 08:00 EST after the repeated hour
    expect(held(check('2026-11-01T01:00:00Z', ny, ['FL'])).until).toBe('2026-11-01T13:00:00.000Z');
    expect(check('2026-11-01T12:30:00Z', ny, ['FL']).allowed).toBe(false); // 07:30 EST
  });

  it('FL reaches both of its zones when only the state is known', () => {
    // 08:30 in New York is 07:30 in Chicago: the strictest zone holds the call an hour longer
    const decision = held(check('2026-06-10T12:30:00Z', ['America/New_York', 'America/Chicago'], ['FL']));
    expect(decision).toEqual({ reason: 'FL: outside legal hours 08:00–20:00 in America/Chicago', until: '2026-06-10T13:00:00.000Z' });
  });

  it('CA: only the federal rule, in Pacific time, across spring-forward', () => {
    const la = ['America/Los_Angeles'];
    expect(check('2026-03-08T04:30:00Z', la, ['CA']).allowed).toBe(true); // Sat 20:30 PST
    expect(held(check('2026-03-08T05:00:00Z', la, ['CA']))).toEqual({
      reason: 'outside legal hours 08:00–21:00 in America/Los_Angeles',
      until: '2026-03-08T15:00:00.000Z', // Sun 08:00 PDT
    });
  });

  it('AZ keeps 08:00 MST (15:00 UTC) all year: no DST', () => {
    const phoenix = ['America/Phoenix'];
    for (const day of ['2026-01-15', '2026-03-09', '2026-07-01', '2026-11-02']) {
      expect(held(check(`${day}T14:59:00Z`, phoenix, ['AZ'])).until).toBe(`${day}T15:00:00.000Z`);
      expect(check(`${day}T15:00:00Z`, phoenix, ['AZ']).allowed).toBe(true);
    }
  });

  it('IN: Indianapolis follows Eastern DST; an Indiana address adds the Central zone', () => {
    expect(check('2026-07-01T12:00:00Z', ['America/Indiana/Indianapolis'], ['IN']).allowed).toBe(true); // 08:00 EDT
    const both = ['America/Indiana/Indianapolis', 'America/Chicago'];
    expect(held(check('2026-07-01T12:00:00Z', both, ['IN'])).until).toBe('2026-07-01T13:00:00.000Z');
    expect(held(check('2026-07-02T01:00:00Z', both, ['IN']))).toEqual({
      reason: 'outside legal hours 08:00–21:00 in America/Indiana/Indianapolis', // 21:00 EDT, 20:00 CDT
      until: '2026-07-02T13:00:00.000Z',
    });
  });

  it('an area code spanning two zones (605: Mountain and Central) is allowed only where both are open', () => {
    const sd = ['America/Denver', 'America/North_Dakota/Center'];
    // 08:30 CDT is 07:30 MDT
    expect(held(check('2026-05-05T13:30:00Z', sd, ['SD']))).toEqual({
      reason: 'outside legal hours 08:00–21:00 in America/Denver',
      until: '2026-05-05T14:00:00.000Z',
    });
    // 20:30 MDT is 21:30 CDT: closed in Central, opens at 08:00 MDT next day (09:00 CDT)
    expect(held(check('2026-05-06T02:30:00Z', sd, ['SD'])).until).toBe('2026-05-06T14:00:00.000Z');
  });

  it('several states: the strictest hours of each apply (FL ends at 20:00, KY starts at 10:00)', () => {
    const ny = ['America/New_York'];
    expect(held(check('2026-06-10T13:30:00Z', ny, ['FL', 'KY'])).reason).toBe('KY: outside legal hours 10:00–21:00 in America/New_York');
    expect(check('2026-06-10T14:00:00Z', ny, ['FL', 'KY']).allowed).toBe(true);
    expect(held(check('2026-06-11T00:00:00Z', ny, ['FL', 'KY'])).until).toBe('2026-06-11T14:00:00.000Z');
  });

  it('Sunday and holiday bans: AL is closed on Christmas Day and on Sundays', () => {
    const chicago = ['America/Chicago'];
    const christmas = held(check('2026-12-25T16:00:00Z', chicago, ['AL']));
    expect(christmas.reason).toBe('AL: no calls on public holidays (Christmas Day, America/Chicago)');
    expect(christmas.until).toBe('2026-12-26T14:00:00.000Z'); // Saturday 08:00 CST
    // Saturday 20:00 -> Sunday is banned -> Monday 08:00
    expect(held(check('2026-12-27T02:00:00Z', chicago, ['AL'])).until).toBe('2026-12-28T14:00:00.000Z');
    expect(held(check('2026-12-27T16:00:00Z', chicago, ['AL'])).reason).toBe('AL: no calls on Sundays (America/Chicago)');
    // an unlisted state has no holiday ban
    expect(check('2026-12-25T16:00:00Z', chicago, ['IL']).allowed).toBe(true);
  });

  it('day-specific hours: TX opens at noon on Sundays', () => {
    const chicago = ['America/Chicago'];
    const sunday = held(check('2026-06-14T15:00:00Z', chicago, ['TX'])); // Sun 10:00 CDT
    expect(sunday).toEqual({ reason: 'TX: outside legal hours 12:00–21:00 in America/Chicago', until: '2026-06-14T17:00:00.000Z' });
    expect(check('2026-06-15T14:00:00Z', chicago, ['TX']).allowed).toBe(true); // Mon 09:00
  });

  it('a campaign window narrows the legal hours but never widens them', () => {
    const ny = ['America/New_York'];
    const wide = { campaignWindow: { window: { start: '06:00', end: '23:00', days: null }, zones: ny } };
    expect(held(check('2026-06-10T11:30:00Z', ny, [], wide)).until).toBe('2026-06-10T12:00:00.000Z'); // 07:30 -> 08:00
    const narrow = { campaignWindow: { window: { start: '10:00', end: '12:00', days: null }, zones: ny } };
    const decision = checkHours({ ...base, at: at('2026-06-10T12:30:00Z'), zones: ny, states: [], ...narrow });
    expect(decision).toEqual({ allowed: false, rule: 'campaign_window', reason: "outside the campaign's window 10:00–12:00 in America/New_York", until: at('2026-06-10T14:00:00Z') });
  });

  it('with the guard off only the campaign window applies', () => {
    const ny = ['America/New_York'];
    expect(check('2026-06-11T02:30:00Z', ny, ['FL'], { guard: false }).allowed).toBe(true); // 22:30
    const window = { campaignWindow: { window: { start: '09:00', end: '17:00', days: null }, zones: ny } };
    expect(held(check('2026-06-11T02:30:00Z', ny, ['FL'], { guard: false, ...window })).until).toBe('2026-06-11T13:00:00.000Z');
  });

  it('uses the fallback zone when nothing is known of the recipient', () => {
    expect(held(check('2026-06-10T11:00:00Z', [], [], { fallbackZone: 'America/Chicago' })).reason).toBe('outside legal hours 08:00–21:00 in America/Chicago');
  });

  it('nextAllowedInstant starts from a later instant (a cap that ends at night waits for the morning)', () => {
    const input = { ...base, zones: ['America/New_York'], states: ['FL'] as UsState[] };
    expect(new Date(nextAllowedInstant(input, at('2026-06-11T01:00:00Z'))!).toISOString()).toBe('2026-06-11T12:00:00.000Z');
    expect(nextAllowedInstant(input, at('2026-06-10T15:00:00Z'))).toBe(at('2026-06-10T15:00:00Z'));
  });

  it('keeps the presets as data: FL, OK, MD cap 3 per 24 h and end at 20:00', () => {
    expect(FEDERAL_RULE.hours).toEqual({ start: '08:00', end: '21:00' });
    for (const state of ['FL', 'OK', 'MD'] as const) {
      expect(STATE_RULES[state]).toMatchObject({ hours: { start: '08:00', end: '20:00' }, rollingCapPer24h: 3 });
      expect(STATE_RULES[state]!.source).toMatch(/§/);
    }
  });
});
