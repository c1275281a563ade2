import type { AmdSettings } from '../../../../shared/campaigns/amdSettings';
import type { WordTracker } from './words';

export type AmdVerdict = 'human' | 'machine' | 'unknown';

/** Which rule decided. */
export type AmdReason = 'beep' | 'initial-silence' | 'after-greeting-silence' | 'long-greeting' | 'max-words' | 'timeout';

/** What the decision was made on, as measured when it was made. */
export interface AmdFeatures {
  /** Silence before the first word (all the audio when there was none). */
  initialSilenceMs: number;
  /** Voiced time of the greeting so far. */
  greetingMs: number;
  words: number;
  /** Silence since the last word. */
  silenceMs: number;
}

export interface AmdDecision {
  decision: AmdVerdict;
  /** Audio received when it was decided. */
  ms: number;
  reason: AmdReason;
  features: AmdFeatures;
}

/**
 * The decision the audio so far supports, or null to keep listening. In the spirit of Asterisk's app_amd,
 * but leaning toward a person: a silence after the first words decides `human` before a long greeting or
 * many words can decide `machine`, and what is still open at the deadline is `unknown`, which the call
 * treats like a person (hanging up on one is worse than talking to a machine). Silence before any word is
 * `unknown` too: people who wait for the caller to speak are common.
 */
export function decideAmd(words: WordTracker, beepHeard: boolean, settings: AmdSettings): AmdDecision | null {
  const verdict = (decision: AmdVerdict, reason: AmdReason): AmdDecision => ({
    decision,
    ms: words.elapsedMs,
    reason,
    features: {
      initialSilenceMs: words.firstWordAtMs ?? words.elapsedMs,
      greetingMs: words.voicedMs,
      words: words.words,
      silenceMs: words.silenceMs,
    },
  });
  if (beepHeard) return verdict('machine', 'beep');
  if (words.words === 0) {
    if (words.elapsedMs >= settings.initialSilenceMs) return verdict('unknown', 'initial-silence');
  } else {
    if (words.silenceMs >= settings.afterGreetingSilenceMs) return verdict('human', 'after-greeting-silence');
    if (words.voicedMs >= settings.greetingMs) return verdict('machine', 'long-greeting');
    if (words.words >= settings.maxWords) return verdict('machine', 'max-words');
  }
  return words.elapsedMs >= settings.totalAnalysisMs ? verdict('unknown', 'timeout') : null;
}
