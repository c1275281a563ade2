import { describe, expect, it } from 'vitest';
import { campaignKpis } from '../../shared/campaigns/kpis';
import { CALL_OUTCOMES, SKIP_REASONS, type CallOutcome, type EnrolmentStatus, type SkipReason } from '../../shared/campaigns/types';

const statuses = (s: Partial<Record<EnrolmentStatus, number>>) => ({ pending: 0, calling: 0, completed: 0, failed: 0, skipped: 0, ...s });
const outcomes = (o: Partial<Record<CallOutcome, number>>) => ({ ...(Object.fromEntries(CALL_OUTCOMES.map((x) => [x, 0])) as Record<CallOutcome, number>), ...o });
const skips = (s: Partial<Record<SkipReason, number>>) => ({ ...(Object.fromEntries(SKIP_REASONS.map((x) => [x, 0])) as Record<SkipReason, number>), ...s });

describe('campaign KPIs: one definition each', () => {
  it('a campaign with nobody enrolled and no call: zeros, and no rate at all ("—", not 0%)', () => {
    const k = campaignKpis(statuses({}), outcomes({}), skips({}));
    const { answerRate, completionRate, ...counts } = k;
    expect({ answerRate, completionRate }).toEqual({ answerRate: null, completionRate: null });
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
  });

  it('before any call has ended there is no answer rate, whatever the completion', () => {
    const k = campaignKpis(statuses({ pending: 198, skipped: 2 }), outcomes({}), skips({ dnc_list: 2 }));
    expect(k).toMatchObject({ total: 200, finished: 2, answerRate: null, completionRate: 0.01 });
  });

  it('"completed 4 of 5 contacts" is 100% done only because the fifth was skipped, and the tiles say so', () => {
    const k = campaignKpis(statuses({ completed: 4, skipped: 1 }), outcomes({ answered: 3, no_answer: 2, busy: 1 }), skips({ no_phone: 1 }));
    expect(k).toMatchObject({ total: 5, completed: 4, failed: 0, skipped: 1, finished: 5, completionRate: 1 });
    expect(k.completed + k.failed + k.skipped).toBe(k.finished);
  });

  it('"completed 0, 1%": the 1% are the skipped contacts, which count as done', () => {
    const k = campaignKpis(statuses({ pending: 198, skipped: 2 }), outcomes({}), skips({ do_not_call: 1, dnc_list: 1 }));
    expect(k).toMatchObject({ completed: 0, skipped: 2, finished: 2, completionRate: 2 / 200 });
  });

  it('the answer rate is answered over ended calls, the outcome counts summing to the ended calls', () => {
    const o = outcomes({ answered: 3, voicemail: 2, no_answer: 4, busy: 1, failed: 1, cancelled: 1 });
    const k = campaignKpis(statuses({ completed: 5, pending: 2, calling: 1 }), o, skips({}));
    expect(k).toMatchObject({ answered: 3, callsEnded: 12, answerRate: 3 / 12, total: 8, finished: 5, completionRate: 5 / 8 });
    expect(k.pending + k.calling + k.finished).toBe(k.total);
  });

  it('a transferred call was answered by a person: it counts as answered, and its own count adds up to the ended calls', () => {
    const k = campaignKpis(statuses({ completed: 3 }), outcomes({ answered: 1, transferred: 2, no_answer: 1 }), skips({}));
    expect(k).toMatchObject({ answered: 3, callsEnded: 4, answerRate: 3 / 4 });
  });

  it('do-not-call skips count every do-not-call rule: the flag, lead status do not contact and team DNC lists', () => {
    const k = campaignKpis(statuses({ skipped: 9 }), outcomes({}), skips({ do_not_call: 1, do_not_contact: 2, dnc_list: 3, no_phone: 2, no_legal_window: 1 }));
    expect(k.doNotCallSkips).toBe(6);
  });
});
