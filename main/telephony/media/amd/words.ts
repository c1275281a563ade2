import type { AmdSettings } from '../../../../shared/campaigns/amdSettings';
import { FRAME_MS } from '../g711';

/**
 * Words and the silences between them, from the VAD's voiced frames: voice of at least minWordMs makes
 * a word (shorter is a click or a breath, and does not break a silence), and a gap of betweenWordsSilenceMs
 * ends one.
 */
export class WordTracker {
  /** Received audio so far. */
  elapsedMs = 0;
  words = 0;
  /** When the first word began; null before it. */
  firstWordAtMs: number | null = null;
  /** Voiced time inside words. */
  voicedMs = 0;
  private inWord = false;
  /** The current voiced stretch, gaps shorter than a word break included. */
  private runMs = 0;
  private gapMs = 0;
  /** The end of the last voiced frame of a word. */
  private lastWordVoiceAtMs = 0;

  constructor(private readonly settings: Pick<AmdSettings, 'minWordMs' | 'betweenWordsSilenceMs'>) {}

  push(voiced: boolean): void {
    this.elapsedMs += FRAME_MS;
    if (!voiced) {
      this.gapMs += FRAME_MS;
      if (this.gapMs >= this.settings.betweenWordsSilenceMs) {
        this.inWord = false;
        this.runMs = 0;
      }
      return;
    }
    this.gapMs = 0;
    this.runMs += FRAME_MS;
    if (this.inWord) this.voicedMs += FRAME_MS;
    else if (this.runMs >= this.settings.minWordMs) {
      this.inWord = true;
      this.words++;
      this.firstWordAtMs ??= this.elapsedMs - this.runMs;
      this.voicedMs += this.runMs;
    }
    if (this.inWord) this.lastWordVoiceAtMs = this.elapsedMs;
  }

  /**
   * Silence since the last word (since the start before the first). Voice that may yet become a word
   * holds it; voice that stays too short to be one turns out to have been part of it.
   */
  get silenceMs(): number {
    const pendingMs = this.inWord ? 0 : this.runMs;
    return this.elapsedMs - pendingMs - this.lastWordVoiceAtMs;
  }
}
