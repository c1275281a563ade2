import { describe, expect, it } from 'vitest';
import { AMD_DEFAULTS, amdSettingsSchema } from '../../shared/campaigns/amdSettings';
import { AppError } from '../../shared/errors';
import { parseInput } from '../../shared/validation';

/** The fields a bad input is refused for, with their messages. */
function refusal(input: unknown): Record<string, string> {
  try {
    parseInput(amdSettingsSchema, input);
  } catch (error) {
    if (error instanceof AppError) return { ...error.fields };
    throw error;
  }
  throw new Error('accepted');
}

describe('AMD settings', () => {
  it('fills what is not sent from the defaults, the deadline being 3.5 s', () => {
    expect(parseInput(amdSettingsSchema, {})).toEqual(AMD_DEFAULTS);
    expect(AMD_DEFAULTS.totalAnalysisMs).toBe(3500);
    expect(parseInput(amdSettingsSchema, { greetingMs: 2000, maxWords: 8 })).toEqual({ ...AMD_DEFAULTS, greetingMs: 2000, maxWords: 8 });
  });

  it('names every bad field: not a number, not whole, out of range, unknown', () => {
    expect(refusal({ greetingMs: 'long', minWordMs: 12.5, totalAnalysisMs: 60_000, maxWords: 1, silence: 3 })).toEqual({
      greetingMs: 'Must be a number of milliseconds',
      minWordMs: 'Must be a whole number of milliseconds',
      totalAnalysisMs: 'Must be at most 10000 ms',
      maxWords: 'Must be at least 2',
      silence: 'Unknown field',
    });
  });

  it('refuses thresholds that could never be reached before the deadline, or that contradict each other', () => {
    expect(refusal({ totalAnalysisMs: 2000 })).toEqual({ initialSilenceMs: 'Must be less than totalAnalysisMs (2000 ms)' });
    expect(refusal({ greetingMs: 4000, afterGreetingSilenceMs: 3600 })).toEqual({
      greetingMs: 'Must be less than totalAnalysisMs (3500 ms)',
      afterGreetingSilenceMs: 'Must be less than totalAnalysisMs (3500 ms)',
    });
    expect(refusal({ minWordMs: 500, greetingMs: 400, betweenWordsSilenceMs: 700 })).toEqual({
      minWordMs: 'Must be less than greetingMs (400 ms)',
      betweenWordsSilenceMs: 'Must be less than afterGreetingSilenceMs (650 ms)',
    });
  });
});
