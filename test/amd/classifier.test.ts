import { describe, expect, it } from 'vitest';
import { AMD_DEFAULTS, type AmdSettings } from '../../shared/campaigns/amdSettings';
import { decideAmd, type AmdDecision } from '../../main/telephony/media/amd/classifier';
import { WordTracker } from '../../main/telephony/media/amd/words';

/**
 * Feeds a pattern of 20 ms frames ('#' voiced, '.' silent, 'b' a beep sounding; spaces are ignored,
 * `N*x` repeats x N times) until a decision, as the detector does.
 */
function classify(pattern: string, settings: AmdSettings = AMD_DEFAULTS): AmdDecision | null {
  const frames = pattern.replace(/(\d+)\*(.)/g, (_, n: string, f: string) => f.repeat(Number(n))).replace(/ /g, '');
  const words = new WordTracker(settings);
  for (const frame of frames) {
    words.push(frame !== '.');
    const decision = decideAmd(words, frame === 'b', settings);
    if (decision) return decision;
  }
  return null;
}

describe('AMD classifier on voiced/silent frame patterns', () => {
  it('calls a short greeting followed by silence a person, once the silence is long enough', () => {
    // 600 ms of silence, "Hello?" for 500 ms, then silence
    expect(classify('30*. 25*# 100*.')).toEqual({
      decision: 'human',
      ms: 600 + 500 + 660,
      reason: 'after-greeting-silence',
      features: { initialSilenceMs: 600, greetingMs: 500, words: 1, silenceMs: 660 },
    });
  });

  it('calls a greeting that goes on past greetingMs of voice a machine, however its pauses fall', () => {
    expect(classify('20*. 200*#')).toMatchObject({ decision: 'machine', reason: 'long-greeting', ms: 400 + 1700, features: { greetingMs: 1700, words: 1 } });
    // three phrases of 600 ms with 400 ms pauses: voice adds up across them
    expect(classify('10*. 30*# 20*. 30*# 20*. 30*#')).toMatchObject({ decision: 'machine', reason: 'long-greeting', features: { greetingMs: 1700, words: 3 } });
  });

  it('calls many words in a row a machine', () => {
    // 100 ms words 60 ms apart: the fifth counts once it has lasted minWordMs (80 ms)
    expect(classify(`10*. ${'5*# 3*. '.repeat(5)}`)).toMatchObject({
      decision: 'machine',
      reason: 'max-words',
      ms: 200 + 4 * 160 + 80,
      features: { words: 5, greetingMs: 4 * 100 + 80 },
    });
  });

  it('counts a click as no word and a gap shorter than betweenWordsSilenceMs as no break', () => {
    // a 40 ms click does not end the initial silence; a 20 ms gap inside a word does not split it
    expect(classify('30*. ## 30*. 10*# . 10*# 100*.')).toMatchObject({ decision: 'human', features: { initialSilenceMs: 1240, words: 1, greetingMs: 400 } });
    // a click during the silence after the greeting does not reset it
    expect(classify('10*. 20*# 20*. ## 20*.')).toMatchObject({ decision: 'human', ms: 200 + 400 + 660 });
    // the start of the next word holds the silence even before it has lasted minWordMs
    expect(classify('10*. 20*# 31*. 4*# 100*#')).toMatchObject({ decision: 'machine', reason: 'long-greeting' });
  });

  it('says unknown for a line that stays silent, and at the deadline when nothing decided', () => {
    expect(classify('300*.')).toMatchObject({ decision: 'unknown', reason: 'initial-silence', ms: 2500, features: { words: 0, initialSilenceMs: 2500 } });
    // words with pauses too short for a person's silence, too few and too short for a machine's greeting
    expect(classify('100*. 15*# 30*. 15*# 30*. 15*# 30*.')).toMatchObject({ decision: 'unknown', reason: 'timeout', ms: 3500, features: { words: 2, greetingMs: 600, silenceMs: 300 } });
  });

  it('calls a beep a machine at once', () => {
    expect(classify('30*. 5*# b')).toMatchObject({ decision: 'machine', reason: 'beep', ms: 720 });
  });

  it('follows the thresholds it is given', () => {
    const pattern = '30*. 40*# 100*.';
    expect(classify(pattern)).toMatchObject({ decision: 'human' });
    expect(classify(pattern, { ...AMD_DEFAULTS, greetingMs: 600 })).toMatchObject({ decision: 'machine', reason: 'long-greeting', ms: 600 + 600 });
    expect(classify(pattern, { ...AMD_DEFAULTS, afterGreetingSilenceMs: 400 })).toMatchObject({ decision: 'human', ms: 1400 + 400 });
    expect(classify('300*.', { ...AMD_DEFAULTS, initialSilenceMs: 1000 })).toMatchObject({ decision: 'unknown', ms: 1000 });
    expect(classify('10*. 200*#', { ...AMD_DEFAULTS, totalAnalysisMs: 1000, greetingMs: 700 })).toMatchObject({ decision: 'machine', ms: 900 });
    expect(classify('10*. 200*#', { ...AMD_DEFAULTS, totalAnalysisMs: 1000, greetingMs: 900 })).toMatchObject({ decision: 'unknown', reason: 'timeout', ms: 1000 });
  });
});
