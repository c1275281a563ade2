import { AMD_DEFAULTS, type AmdSettings } from '../../../../shared/campaigns/amdSettings';
import { FRAME_SAMPLES } from '../g711';
import { BeepDetector } from './beepDetector';
import { decideAmd, type AmdDecision } from './classifier';
import { EnergyVad } from './energyVad';
import { WordTracker } from './words';

/** When a machine's greeting is over and a message can be left, and what told. */
export interface MessageStart {
  beep: boolean;
  /** Audio received when it was found (the beep's end is one frame earlier). */
  atMs: number;
  reason: 'beep' | 'silence' | 'cap';
}

export type AmdEvent = ({ type: 'decision' } & AmdDecision) | ({ type: 'messageStart' } & MessageStart);

/**
 * Answering-machine detection on one call's received audio, fed as it arrives: first the decision
 * (human, machine or unknown, due within totalAnalysisMs), then, after `machine`, the moment the
 * greeting is over: the end of its beep, messageSilenceMs of silence, or messageWaitMaxMs after the
 * decision at the latest. A beep heard before any decision means a machine at once.
 */
export class AnsweringMachineDetector {
  private decided: AmdDecision | null = null;
  private messageFound: MessageStart | null = null;
  private readonly vad = new EnergyVad();
  private readonly beeps = new BeepDetector();
  private readonly words: WordTracker;
  /** The start of a frame that a packet left incomplete. */
  private readonly partial = new Int16Array(FRAME_SAMPLES);
  private partialLength = 0;

  constructor(private readonly settings: AmdSettings = AMD_DEFAULTS) {
    this.words = new WordTracker(settings);
  }

  /** The decision, once made. */
  get decision(): AmdDecision | null {
    return this.decided;
  }

  /** After `machine`: when the message can start, once found. */
  get messageStart(): MessageStart | null {
    return this.messageFound;
  }

  /** Whether more audio can still change anything (false once a person is decided or the message can start). */
  get listening(): boolean {
    return !this.decision || (this.decision.decision === 'machine' && !this.messageStart);
  }

  /** Received 8 kHz PCM of any length (packets need not hold 20 ms); returns what it decided. */
  push(pcm: Int16Array): AmdEvent[] {
    const events: AmdEvent[] = [];
    let offset = 0;
    while (offset < pcm.length && this.listening) {
      if (this.partialLength === 0 && pcm.length - offset >= FRAME_SAMPLES) {
        this.frame(pcm.subarray(offset, offset + FRAME_SAMPLES), events);
        offset += FRAME_SAMPLES;
        continue;
      }
      const take = Math.min(FRAME_SAMPLES - this.partialLength, pcm.length - offset);
      this.partial.set(pcm.subarray(offset, offset + take), this.partialLength);
      this.partialLength += take;
      offset += take;
      if (this.partialLength === FRAME_SAMPLES) {
        this.partialLength = 0;
        this.frame(this.partial, events);
      }
    }
    return events;
  }

  private frame(pcm: Int16Array, events: AmdEvent[]): void {
    const beep = this.beeps.push(pcm);
    const { voiced } = this.vad.push(pcm);
    this.words.push(voiced);
    if (!this.decided) {
      this.decided = decideAmd(this.words, this.beeps.sounding, this.settings);
      if (this.decided) events.push({ type: 'decision', ...this.decided });
      return;
    }
    const atMs = this.words.elapsedMs;
    const reason = beep
      ? 'beep'
      : !voiced && !this.beeps.toneStarted && this.words.silenceMs >= this.settings.messageSilenceMs
        ? 'silence'
        : atMs - this.decided.ms >= this.settings.messageWaitMaxMs
          ? 'cap'
          : null;
    if (!reason) return;
    this.messageFound = { beep: reason === 'beep', atMs, reason };
    events.push({ type: 'messageStart', ...this.messageFound });
  }
}
