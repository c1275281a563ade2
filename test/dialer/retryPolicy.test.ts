import { describe, expect, it } from 'vitest';
import { decideAfterAttempt, retryDelayMinutes, type AttemptCounts } from '../../main/dialer/retryPolicy';
import { CAMPAIGN_DEFAULTS, resolveSettings, type CampaignSettings } from '../../shared/campaigns/schemas';
import { CALL_OUTCOMES, type CallOutcome } from '../../shared/campaigns/types';

const MIN = 60_000;
const ENDED = Date.parse('2026-03-02T15:00:00Z');

type Settings = Parameters<typeof decideAfterAttempt>[0];

/** The campaign defaults, with overrides. */
function settings(over: Partial<Settings> = {}): Settings {
  return { ...CAMPAIGN_DEFAULTS, ...over };
}

/** Counts after one attempt with `outcome` on top of earlier ones. */
function counts(outcome: CallOutcome, earlier: Partial<AttemptCounts> = {}): AttemptCounts {
  const c = { attempts: 0, noAnswer: 0, busy: 0, error: 0, ...earlier };
  return {
    attempts: c.attempts + 1,
    noAnswer: c.noAnswer + (outcome === 'no_answer' ? 1 : 0),
    busy: c.busy + (outcome === 'busy' ? 1 : 0),
    error: c.error + (outcome === 'failed' ? 1 : 0),
  };
}

const decide = (s: Settings, outcome: CallOutcome, earlier: Partial<AttemptCounts> = {}) => decideAfterAttempt(s, outcome, counts(outcome, earlier), ENDED);

/**
 * Runs one contact through a sequence of outcomes the way the dialer does (counts accumulate, the next
 * attempt only happens while the decision is pending) and returns how many attempts were made.
 */
function attemptsFor(s: Settings, outcomes: (i: number) => CallOutcome, limit = 200): { attempts: number; last: ReturnType<typeof decideAfterAttempt>; seen: CallOutcome[] } {
  let c: AttemptCounts = { attempts: 0, noAnswer: 0, busy: 0, error: 0 };
  const seen: CallOutcome[] = [];
  for (let i = 0; i < limit; i++) {
    const outcome = outcomes(i);
    seen.push(outcome);
    c = counts(outcome, c);
    const last = decideAfterAttempt(s, outcome, c, ENDED);
    if (last.status !== 'pending') return { attempts: c.attempts, last, seen };
  }
  throw new Error('never finished');
}

describe('decideAfterAttempt: every outcome with the defaults', () => {
  const s = settings();
  it('answered and declined finish the contact as completed', () => {
    expect(decide(s, 'answered')).toEqual({ status: 'completed', nextAttemptAt: null });
    expect(decide(s, 'declined')).toEqual({ status: 'completed', nextAttemptAt: null });
  });

  it('voicemail counts as reached: completed, no retry (retryOnVoicemail off by default)', () => {
    expect(decide(s, 'voicemail')).toEqual({ status: 'completed', nextAttemptAt: null });
  });

  it('invalid_number fails the contact and is never retried', () => {
    expect(decide(s, 'invalid_number')).toEqual({ status: 'failed', nextAttemptAt: null });
    expect(decide(settings({ retryOnError: true, retryOnVoicemail: true, maxAttemptsPerContact: 10 }), 'invalid_number')).toEqual({ status: 'failed', nextAttemptAt: null });
  });

  it('no_answer comes back after its own delay (5 min)', () => {
    expect(decide(s, 'no_answer')).toEqual({ status: 'pending', nextAttemptAt: ENDED + 5 * MIN });
  });

  it('busy comes back after its own delay (10 min)', () => {
    expect(decide(s, 'busy')).toEqual({ status: 'pending', nextAttemptAt: ENDED + 10 * MIN });
  });

  it('a technical error (failed) is not retried unless retryOnError', () => {
    expect(decide(s, 'failed')).toEqual({ status: 'failed', nextAttemptAt: null });
  });

  it('transferred (reached, handed on to a person) completes the contact, whatever the retry settings', () => {
    for (const s2 of [s, settings({ retryOnError: true, retryOnVoicemail: true, maxAttemptsPerContact: 9 })]) {
      expect(decide(s2, 'transferred')).toEqual({ status: 'completed', nextAttemptAt: null });
    }
  });

  it('cancelled (our own hang-up) puts the contact back as due at once', () => {
    expect(decide(s, 'cancelled')).toEqual({ status: 'pending', nextAttemptAt: ENDED });
    expect(decide(s, 'cancelled', { attempts: 1, noAnswer: 1 })).toEqual({ status: 'pending', nextAttemptAt: ENDED });
  });

  it('decides something for every outcome of the taxonomy, and never schedules a retry in the past', () => {
    for (const outcome of CALL_OUTCOMES) {
      for (const s2 of [settings(), settings({ retryOnError: true, retryOnVoicemail: true })]) {
        const d = decide(s2, outcome);
        expect(['pending', 'completed', 'failed']).toContain(d.status);
        if (d.status === 'pending') expect(d.nextAttemptAt).toBeGreaterThanOrEqual(ENDED);
        else expect(d.nextAttemptAt).toBeNull();
      }
    }
  });
});

describe('decideAfterAttempt: retryOnError and retryOnVoicemail', () => {
  it('retryOnError retries failed after retryDelayMinutesError', () => {
    expect(decide(settings({ retryOnError: true }), 'failed')).toEqual({ status: 'pending', nextAttemptAt: ENDED + 60 * MIN });
    expect(decide(settings({ retryOnError: true, retryDelayMinutesError: 7 }), 'failed')).toEqual({ status: 'pending', nextAttemptAt: ENDED + 7 * MIN });
  });

  it('retryOnError does not make other outcomes retry', () => {
    const s = settings({ retryOnError: true });
    expect(decide(s, 'answered').status).toBe('completed');
    expect(decide(s, 'voicemail').status).toBe('completed');
    expect(decide(s, 'invalid_number').status).toBe('failed');
  });

  it('retryOnVoicemail retries voicemail after the base retryDelayMinutes', () => {
    expect(decide(settings({ retryOnVoicemail: true }), 'voicemail')).toEqual({ status: 'pending', nextAttemptAt: ENDED + 60 * MIN });
    expect(decide(settings({ retryOnVoicemail: true, retryDelayMinutes: 30 }), 'voicemail')).toEqual({ status: 'pending', nextAttemptAt: ENDED + 30 * MIN });
  });

  it('retryOnVoicemail still stops at the shared budget (then the contact counts as reached)', () => {
    const s = settings({ retryOnVoicemail: true, maxAttemptsPerContact: 2 });
    expect(decide(s, 'voicemail', { attempts: 1 }).status).toBe('completed');
    expect(attemptsFor(s, () => 'voicemail')).toMatchObject({ attempts: 2, last: { status: 'completed' } });
  });

  it('an error that exhausts its retries fails the contact', () => {
    const s = settings({ retryOnError: true, maxAttemptsPerContact: 3 });
    expect(attemptsFor(s, () => 'failed')).toMatchObject({ attempts: 3, last: { status: 'failed', nextAttemptAt: null } });
  });
});

describe('decideAfterAttempt: one shared attempt budget', () => {
  it('maxAttemptsPerContact counts every attempt whatever its outcome', () => {
    const s = settings({ maxAttemptsPerContact: 3 });
    expect(decide(s, 'no_answer', { attempts: 1, noAnswer: 1 }).status).toBe('pending');
    expect(decide(s, 'no_answer', { attempts: 2, noAnswer: 2 }).status).toBe('completed');
    // mixed outcomes share the budget: busy, no_answer, then a third retriable outcome is the last
    expect(decide(s, 'busy', { attempts: 2, noAnswer: 1, busy: 1 }).status).toBe('completed');
    expect(decide(settings({ maxAttemptsPerContact: 3, retryOnError: true }), 'failed', { attempts: 2, noAnswer: 1, busy: 1 }).status).toBe('failed');
  });

  it('alternating outcomes never exceed the budget', () => {
    const cycle: CallOutcome[] = ['no_answer', 'busy', 'failed'];
    for (const max of [1, 2, 3, 5, 8]) {
      const s = settings({ maxAttemptsPerContact: max, retryOnError: true });
      expect(attemptsFor(s, (i) => cycle[i % 3]).attempts).toBe(max);
    }
  });

  it('maxAttemptsPerContact 1 means one attempt only', () => {
    const s = settings({ maxAttemptsPerContact: 1, retryOnError: true, retryOnVoicemail: true });
    for (const outcome of ['no_answer', 'busy', 'failed', 'voicemail'] as const) expect(decide(s, outcome).status).not.toBe('pending');
  });
});

describe('decideAfterAttempt: per-outcome caps inside the shared budget', () => {
  it('maxAttemptsNoAnswer caps no_answer attempts below the budget', () => {
    const s = settings({ maxAttemptsPerContact: 10, maxAttemptsNoAnswer: 2 });
    expect(decide(s, 'no_answer').status).toBe('pending');
    expect(decide(s, 'no_answer', { attempts: 1, noAnswer: 1 }).status).toBe('completed');
    expect(attemptsFor(s, () => 'no_answer').attempts).toBe(2);
  });

  it('maxAttemptsBusy caps busy attempts', () => {
    const s = settings({ maxAttemptsPerContact: 10, maxAttemptsBusy: 3 });
    expect(attemptsFor(s, () => 'busy').attempts).toBe(3);
  });

  it('maxAttemptsError caps retried errors', () => {
    const s = settings({ maxAttemptsPerContact: 10, maxAttemptsError: 2, retryOnError: true });
    expect(attemptsFor(s, () => 'failed')).toMatchObject({ attempts: 2, last: { status: 'failed' } });
  });

  it('a cap counts only its own outcome: other outcomes keep the contact going up to the budget', () => {
    const s = settings({ maxAttemptsPerContact: 6, maxAttemptsNoAnswer: 1, maxAttemptsBusy: 5 });
    // one no_answer used its cap, but a busy after that still retries
    expect(decide(s, 'busy', { attempts: 1, noAnswer: 1 }).status).toBe('pending');
    // and a later no_answer stops it
    expect(decide(s, 'no_answer', { attempts: 2, noAnswer: 1, busy: 1 }).status).toBe('completed');
    // busy, busy, busy, busy, busy (cap 5 reached at the 5th)
    expect(attemptsFor(s, () => 'busy').attempts).toBe(5);
  });

  it('a per-outcome cap above the budget never lets the budget be exceeded', () => {
    const s = settings({ maxAttemptsPerContact: 2, maxAttemptsNoAnswer: 50, maxAttemptsBusy: 50, maxAttemptsError: 50, retryOnError: true });
    expect(attemptsFor(s, () => 'no_answer').attempts).toBe(2);
    expect(attemptsFor(s, () => 'busy').attempts).toBe(2);
    expect(attemptsFor(s, () => 'failed').attempts).toBe(2);
  });

  it('null caps fall back to maxAttemptsPerContact', () => {
    const s = settings({ maxAttemptsPerContact: 4, maxAttemptsNoAnswer: null });
    expect(attemptsFor(s, () => 'no_answer').attempts).toBe(4);
  });
});

describe('retry delays per outcome', () => {
  it('uses the outcome’s own delay; voicemail (and anything else) the base delay', () => {
    const s = settings({ retryDelayMinutes: 45, retryDelayMinutesNoAnswer: 3, retryDelayMinutesBusy: 11, retryDelayMinutesError: 90 });
    expect(retryDelayMinutes(s, 'no_answer', 1)).toBe(3);
    expect(retryDelayMinutes(s, 'busy', 1)).toBe(11);
    expect(retryDelayMinutes(s, 'failed', 1)).toBe(90);
    expect(retryDelayMinutes(s, 'voicemail', 1)).toBe(45);
  });

  it('the delay counts from the end of the attempt', () => {
    const s = settings({ retryDelayMinutesNoAnswer: 3 });
    const later = ENDED + 123_456;
    expect(decideAfterAttempt(s, 'no_answer', counts('no_answer'), later).nextAttemptAt).toBe(later + 3 * MIN);
  });

  it('lets the single retryDelayMinutes stand for all three per-outcome delays when only it is given', () => {
    const base = { ...CAMPAIGN_DEFAULTS, name: 'x', assistantId: 'a', companyId: 'c', fromNumberIds: ['n'], fromNumberWeights: {}, scheduledStartAt: null } as CampaignSettings;
    const only = resolveSettings(base, { retryDelayMinutes: 25 }).settings;
    expect([only.retryDelayMinutesNoAnswer, only.retryDelayMinutesBusy, only.retryDelayMinutesError]).toEqual([25, 25, 25]);
    expect(decide(only, 'no_answer').nextAttemptAt).toBe(ENDED + 25 * MIN);
    const mixed = resolveSettings(base, { retryDelayMinutes: 25, retryDelayMinutesBusy: 2 }).settings;
    expect([mixed.retryDelayMinutesNoAnswer, mixed.retryDelayMinutesBusy, mixed.retryDelayMinutesError]).toEqual([5, 2, 60]);
  });

  it('a zero delay retries at once', () => {
    expect(decide(settings({ retryDelayMinutesNoAnswer: 0 }), 'no_answer').nextAttemptAt).toBe(ENDED);
  });
});

describe('fixed vs exponential backoff', () => {
  it('fixed: the same delay on every retry', () => {
    const s = settings({ retryBackoff: 'fixed', retryDelayMinutesNoAnswer: 5 });
    for (let attempts = 1; attempts <= 8; attempts++) expect(retryDelayMinutes(s, 'no_answer', attempts)).toBe(5);
  });

  it('exponential: base × multiplier^(attempts − 1)', () => {
    const s = settings({ retryBackoff: 'exponential', retryBackoffMultiplier: 2, retryBackoffCapMinutes: 10_080, retryDelayMinutesNoAnswer: 5 });
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMinutes(s, 'no_answer', n))).toEqual([5, 10, 20, 40, 80]);
  });

  it('exponential with a fractional multiplier', () => {
    const s = settings({ retryBackoff: 'exponential', retryBackoffMultiplier: 1.5, retryBackoffCapMinutes: 10_080, retryDelayMinutesBusy: 10 });
    const got = [1, 2, 3, 4].map((n) => retryDelayMinutes(s, 'busy', n));
    [10, 15, 22.5, 33.75].forEach((want, i) => expect(got[i]).toBeCloseTo(want, 9));
  });

  it('exponential is capped by retryBackoffCapMinutes', () => {
    const s = settings({ retryBackoff: 'exponential', retryBackoffMultiplier: 3, retryBackoffCapMinutes: 100, retryDelayMinutesError: 10 });
    expect([1, 2, 3, 4, 5, 20].map((n) => retryDelayMinutes(s, 'failed', n))).toEqual([10, 30, 90, 100, 100, 100]);
    // the cap also holds for huge exponents (no Infinity/NaN leaking into nextAttemptAt)
    expect(retryDelayMinutes(s, 'failed', 5000)).toBe(100);
  });

  it('exponential applies per outcome’s own base and flows into nextAttemptAt', () => {
    const s = settings({ retryBackoff: 'exponential', retryBackoffMultiplier: 2, retryBackoffCapMinutes: 60, maxAttemptsPerContact: 10, retryOnVoicemail: true, retryDelayMinutes: 7 });
    expect(decideAfterAttempt(s, 'no_answer', { attempts: 3, noAnswer: 3, busy: 0, error: 0 }, ENDED).nextAttemptAt).toBe(ENDED + 20 * MIN);
    expect(decideAfterAttempt(s, 'busy', { attempts: 3, noAnswer: 2, busy: 1, error: 0 }, ENDED).nextAttemptAt).toBe(ENDED + 40 * MIN);
    expect(decideAfterAttempt(s, 'busy', { attempts: 4, noAnswer: 2, busy: 2, error: 0 }, ENDED).nextAttemptAt).toBe(ENDED + 60 * MIN);
    expect(decideAfterAttempt(s, 'voicemail', { attempts: 2, noAnswer: 0, busy: 0, error: 0 }, ENDED).nextAttemptAt).toBe(ENDED + 14 * MIN);
  });

  it('retry delays grow monotonically with exponential backoff and never pass the cap', () => {
    for (const multiplier of [1.01, 1.5, 2, 10]) {
      const s = settings({ retryBackoff: 'exponential', retryBackoffMultiplier: multiplier, retryBackoffCapMinutes: 500, retryDelayMinutesNoAnswer: 5 });
      let previous = 0;
      for (let n = 1; n <= 40; n++) {
        const d = retryDelayMinutes(s, 'no_answer', n);
        expect(d).toBeGreaterThanOrEqual(previous);
        expect(d).toBeLessThanOrEqual(500);
        previous = d;
      }
    }
  });
});
