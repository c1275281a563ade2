import { describe, expect, it } from 'vitest';
import { wholeTicks } from '../../renderer/src/monitoring/axisTicks';
import { formatRate } from '../../renderer/src/monitoring/format';
import { queueWhy } from '../../renderer/src/monitoring/queueWhy';
import type { CampaignContact } from '../../shared/campaigns/types';

describe('a rate as people read it', () => {
  it('is "—" with no denominator, a whole percent otherwise', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(0.25)).toBe('25%');
    expect(formatRate(2 / 200)).toBe('1%');
    expect(formatRate(1)).toBe('100%');
  });

  it('never rounds to 0% or 100% a rate that is not exactly that', () => {
    expect(formatRate(1 / 300)).toBe('<1%');
    expect(formatRate(299 / 300)).toBe('>99%');
    expect(formatRate(4 / 5)).toBe('80%');
  });
});

describe('whole-number ticks for the calls chart', () => {
  it('counts in whole calls up to a round top at or above the tallest bar, evenly spaced', () => {
    expect(wholeTicks(0)).toEqual([0, 1]);
    expect(wholeTicks(1)).toEqual([0, 1]);
    expect(wholeTicks(3)).toEqual([0, 1, 2, 3]);
    expect(wholeTicks(5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(wholeTicks(6)).toEqual([0, 2, 4, 6]);
    expect(wholeTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(wholeTicks(11)).toEqual([0, 5, 10, 15]);
    expect(wholeTicks(26)).toEqual([0, 10, 20, 30]);
    expect(wholeTicks(480)).toEqual([0, 100, 200, 300, 400, 500]);
  });

  it('has at most five steps, each 1, 2 or 5 times a power of ten, for any count', () => {
    for (let max = 0; max <= 5000; max += 7) {
      const ticks = wholeTicks(max);
      const step = ticks[1];
      expect(ticks.every((t, i) => Number.isInteger(t) && t === i * step), `max ${max}`).toBe(true);
      expect(ticks.length - 1, `max ${max}`).toBeLessThanOrEqual(5);
      expect(ticks[ticks.length - 1], `max ${max}`).toBeGreaterThanOrEqual(max);
      expect(String(step / 10 ** Math.floor(Math.log10(step))), `max ${max}`).toMatch(/^[125]$/);
    }
  });
});

const NOW = Date.parse('2026-01-12T07:00:00Z');
const contact = (c: Partial<CampaignContact>): CampaignContact => ({
  campaignId: 'cmp',
  contactId: 'cnt',
  firstName: 'Ann',
  lastName: 'Lee',
  phone: '+12125550100',
  timezone: null,
  status: 'pending',
  skipReason: null,
  priority: 0,
  attempts: 0,
  lastOutcome: null,
  nextAttemptAt: null,
  enrolledAt: new Date(NOW).toISOString(),
  lastDecision: null,
  dncList: null,
  lastError: null,
  hold: null,
  ...c,
});

describe('the queue\'s "Why"', () => {
  it('says nothing for a contact that nothing holds', () => {
    expect(queueWhy(contact({}), NOW)).toBeNull();
  });

  it('names the hours that hold a due contact, and when they open in that zone', () => {
    const until = new Date(NOW + 2 * 3_600_000).toISOString();
    expect(queueWhy(contact({ hold: { rule: 'call_window', until, timeZone: 'Africa/Abidjan' } }), NOW)).toMatch(/^Outside the call window until 09[:.]00 \(Africa\/Abidjan\)$/);
    expect(queueWhy(contact({ hold: { rule: 'legal_hours', until, timeZone: 'America/New_York' } }), NOW)).toMatch(/^Legal hours: no calls until 04[:.]00 \(America\/New_York\)$/);
    expect(queueWhy(contact({ hold: { rule: 'call_window', until: null, timeZone: 'UTC' } }), NOW)).toBe('Outside the call window, which never opens here');
  });

  it("gives a failed call's reason, and a retry after an error says which", () => {
    const error = 'SIP 503 Service Unavailable (simulated)';
    expect(queueWhy(contact({ status: 'failed', lastOutcome: 'failed', lastError: error }), NOW)).toBe(error);
    expect(queueWhy(contact({ status: 'failed', lastOutcome: 'failed' }), NOW)).toBe('The call failed; the provider gave no reason');
    expect(queueWhy(contact({ status: 'pending', lastOutcome: 'failed', lastError: error, nextAttemptAt: new Date(NOW + 60_000).toISOString() }), NOW)).toBe(`Retry after an error: ${error}`);
    // an invalid number says so in its status; there is nothing more to say
    expect(queueWhy(contact({ status: 'failed', lastOutcome: 'invalid_number' }), NOW)).toBeNull();
  });

  it('gives a skip its decision, and names the DNC list of a contact on one', () => {
    const decision = { campaignId: 'cmp', contactId: 'cnt', at: new Date(NOW).toISOString(), kind: 'skip' as const, rule: 'dnc_list' as const, reason: "on DNC list 'Registry'", until: null };
    expect(queueWhy(contact({ status: 'skipped', skipReason: 'dnc_list', dncList: 'Registry', lastDecision: decision }), NOW)).toBe("on DNC list 'Registry'");
    expect(queueWhy(contact({ status: 'completed', lastOutcome: 'answered', dncList: 'Registry' }), NOW)).toBe('On DNC list "Registry"');
  });

  it('gives a per-contact hold while it lasts, and the hours once it has passed', () => {
    const until = new Date(NOW + 3_600_000).toISOString();
    const hold = { campaignId: 'cmp', contactId: 'cnt', at: new Date(NOW).toISOString(), kind: 'hold' as const, rule: 'rolling_cap' as const, reason: 'at the cap of 3 calls in 24 hours', until };
    expect(queueWhy(contact({ nextAttemptAt: until, lastDecision: hold }), NOW)).toBe('at the cap of 3 calls in 24 hours');
    expect(queueWhy(contact({ nextAttemptAt: null, lastDecision: hold }), NOW)).toBeNull();
  });
});
