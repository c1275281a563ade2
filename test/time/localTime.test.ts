import { describe, expect, it } from 'vitest';
import { clockSeconds, isLocalDateTime, localToInstant, offsetAt } from '../../shared/time/localTime';

const utc = (text: string) => Date.parse(text);

describe('localToInstant: ordinary times', () => {
  it('reads a wall-clock time in the zone, with or without seconds, T or space', () => {
    expect(localToInstant('2026-06-01T09:00', 'America/New_York')).toBe(utc('2026-06-01T13:00:00Z'));
    expect(localToInstant('2026-06-01T09:00:30', 'America/New_York')).toBe(utc('2026-06-01T13:00:30Z'));
    expect(localToInstant('2026-06-01 09:00', 'America/New_York')).toBe(utc('2026-06-01T13:00:00Z'));
    expect(localToInstant('  2026-01-15T09:00  ', 'America/New_York')).toBe(utc('2026-01-15T14:00:00Z'));
    expect(localToInstant('2026-06-01T09:00', 'Europe/Berlin')).toBe(utc('2026-06-01T07:00:00Z'));
    expect(localToInstant('2026-01-15T09:00', 'Europe/Berlin')).toBe(utc('2026-01-15T08:00:00Z'));
    expect(localToInstant('2026-06-01T09:00', 'UTC')).toBe(utc('2026-06-01T09:00:00Z'));
    expect(localToInstant('2026-06-01T09:00', 'Australia/Sydney')).toBe(utc('2026-05-31T23:00:00Z'));
  });

  it('handles midnight, the end of a day and a leap day', () => {
    expect(localToInstant('2026-12-31T23:59:59', 'America/New_York')).toBe(utc('2027-01-01T04:59:59Z'));
    expect(localToInstant('2026-01-01T00:00', 'Asia/Tokyo')).toBe(utc('2025-12-31T15:00:00Z'));
    expect(localToInstant('2028-02-29T12:00', 'America/New_York')).toBe(utc('2028-02-29T17:00:00Z'));
  });
});

describe('localToInstant: DST', () => {
  it('moves a time in the spring-forward gap forward by the gap (America/New_York 02:30 -> 03:30 EDT)', () => {
    expect(localToInstant('2026-03-08T02:30', 'America/New_York')).toBe(utc('2026-03-08T07:30:00Z'));
    expect(localToInstant('2026-03-08T02:00', 'America/New_York')).toBe(utc('2026-03-08T07:00:00Z'));
    // just outside the gap
    expect(localToInstant('2026-03-08T01:59', 'America/New_York')).toBe(utc('2026-03-08T06:59:00Z'));
    expect(localToInstant('2026-03-08T03:00', 'America/New_York')).toBe(utc('2026-03-08T07:00:00Z'));
  });

  it('moves a time in the Europe/Berlin gap forward (02:30 -> 03:30 CEST)', () => {
    expect(localToInstant('2026-03-29T02:30', 'Europe/Berlin')).toBe(utc('2026-03-29T01:30:00Z'));
    expect(localToInstant('2026-03-29T01:59', 'Europe/Berlin')).toBe(utc('2026-03-29T00:59:00Z'));
    expect(localToInstant('2026-03-29T03:00', 'Europe/Berlin')).toBe(utc('2026-03-29T01:00:00Z'));
  });

  it('takes the first occurrence of a time repeated by fall-back', () => {
    expect(localToInstant('2026-11-01T01:30', 'America/New_York')).toBe(utc('2026-11-01T05:30:00Z'));
    expect(localToInstant('2026-11-01T01:00', 'America/New_York')).toBe(utc('2026-11-01T05:00:00Z'));
    expect(localToInstant('2026-11-01T02:00', 'America/New_York')).toBe(utc('2026-11-01T07:00:00Z'));
    expect(localToInstant('2026-10-25T02:30', 'Europe/Berlin')).toBe(utc('2026-10-25T00:30:00Z'));
  });

  it('handles the southern hemisphere (Australia/Sydney gap in October, overlap in April)', () => {
    expect(localToInstant('2026-10-04T02:30', 'Australia/Sydney')).toBe(utc('2026-10-03T16:30:00Z'));
    expect(localToInstant('2026-04-05T02:30', 'Australia/Sydney')).toBe(utc('2026-04-04T15:30:00Z'));
  });
});

describe('localToInstant: zones without DST', () => {
  it('Asia/Kolkata is +05:30 all year', () => {
    expect(localToInstant('2026-01-15T09:00', 'Asia/Kolkata')).toBe(utc('2026-01-15T03:30:00Z'));
    expect(localToInstant('2026-07-15T09:00', 'Asia/Kolkata')).toBe(utc('2026-07-15T03:30:00Z'));
  });

  it('America/Phoenix stays -07:00 while New York changes', () => {
    expect(localToInstant('2026-01-15T09:00', 'America/Phoenix')).toBe(utc('2026-01-15T16:00:00Z'));
    expect(localToInstant('2026-07-15T09:00', 'America/Phoenix')).toBe(utc('2026-07-15T16:00:00Z'));
    expect(localToInstant('2026-03-08T02:30', 'America/Phoenix')).toBe(utc('2026-03-08T09:30:00Z'));
  });
});

describe('localToInstant: invalid input', () => {
  it('returns null for impossible dates and times', () => {
    for (const text of ['2026-02-30T09:00', '2026-02-29T09:00', '2026-04-31T09:00', '2026-13-01T09:00', '2026-00-10T09:00', '2026-06-00T09:00', '2026-06-01T24:00', '2026-06-01T23:60', '2026-06-01T23:59:60']) {
      expect(localToInstant(text, 'America/New_York'), text).toBeNull();
    }
  });

  it('returns null for text that is not a local date-time', () => {
    for (const text of ['', 'tomorrow', '2026-06-01', '2026-06-01T9:00', '2026-06-01T09:00Z', '2026-06-01T09:00:00+02:00', '2026/06/01 09:00']) {
      expect(localToInstant(text, 'America/New_York'), text).toBeNull();
    }
  });

  it('isLocalDateTime tells wall-clock text from instants', () => {
    expect(isLocalDateTime('2026-06-01T09:00')).toBe(true);
    expect(isLocalDateTime('2026-06-01 09:00:00')).toBe(true);
    expect(isLocalDateTime('2026-06-01T09:00:00Z')).toBe(false);
    expect(isLocalDateTime('2026-06-01T09:00:00-04:00')).toBe(false);
  });
});

describe('offsetAt', () => {
  it('gives the zone offset at an instant', () => {
    expect(offsetAt('America/New_York', utc('2026-01-15T12:00:00Z'))).toBe(-5 * 3_600_000);
    expect(offsetAt('America/New_York', utc('2026-07-15T12:00:00Z'))).toBe(-4 * 3_600_000);
    expect(offsetAt('Asia/Kolkata', utc('2026-07-15T12:00:00Z'))).toBe(5.5 * 3_600_000);
    expect(offsetAt('UTC', utc('2026-07-15T12:00:00Z'))).toBe(0);
  });
});

describe('clockSeconds', () => {
  it('accepts HH:MM and HH:MM:SS', () => {
    expect(clockSeconds('00:00')).toBe(0);
    expect(clockSeconds('09:00')).toBe(9 * 3600);
    expect(clockSeconds('17:30')).toBe(17 * 3600 + 30 * 60);
    expect(clockSeconds('23:59')).toBe(23 * 3600 + 59 * 60);
    expect(clockSeconds('09:00:00')).toBe(9 * 3600);
    expect(clockSeconds('23:59:59')).toBe(86_399);
    expect(clockSeconds(' 09:15 ')).toBe(9 * 3600 + 15 * 60);
  });

  it('rejects 24:00, single-digit hours, minute 60 and other shapes', () => {
    for (const text of ['24:00', '9:00', '12:60', '12:00:60', '25:00', '', '0900', '09-00', '09:00:00:00', '09:0', 'ab:cd', '09:00 PM']) {
      expect(clockSeconds(text), text).toBeNull();
    }
  });
});
