import type { AmdResult, AmdSettings } from '../../../shared/campaigns/amdSettings';
import { AnsweringMachineDetector, type AmdEvent } from './amd/detector';
import { FRAME_SAMPLES } from './g711';

/**
 * No packet for this long is more than jitter: the far end sends nothing (silence suppression, one-way
 * audio), which detection must hear as silence, or a line that never sends would never be decided.
 */
const QUIET_LINE_MS = 100;
const SILENT_FRAME = new Int16Array(FRAME_SAMPLES);

export interface ScreeningHandlers {
  /** Detection decided; for a machine, the greeting is still going on. */
  decided(result: AmdResult): void;
  /** After `machine`: the greeting is over (its beep ended, it fell silent, or the wait's cap): a message can start. */
  messageCanStart(result: AmdResult): void;
}

/**
 * Answering-machine detection on one answered call, before anything is said to it: the received audio goes
 * in as it arrives, and so does the lack of it, one silent frame per 20 ms send slot once the line has been
 * quiet for QUIET_LINE_MS.
 */
export class CallScreening {
  private readonly detector: AnsweringMachineDetector;
  private found: AmdResult | null = null;

  constructor(
    settings: AmdSettings,
    /** performance.now() of the answer, when the line starts being listened to. */
    private heardAt: number,
    private readonly handlers: ScreeningHandlers,
  ) {
    this.detector = new AnsweringMachineDetector(settings);
  }

  /** What detection found so far: null until it decides. */
  get result(): AmdResult | null {
    return this.found;
  }

  /** Whether received audio still matters (false for a person, and once a machine's message can start). */
  get listening(): boolean {
    return this.detector.listening;
  }

  /** Received audio, decoded (any length), at performance.now() `now`. */
  hear(pcm: Int16Array, now: number): void {
    this.heardAt = now;
    this.take(this.detector.push(pcm));
  }

  /** A send slot went by at performance.now() `now`. */
  tick(now: number): void {
    if (now - this.heardAt >= QUIET_LINE_MS) this.take(this.detector.push(SILENT_FRAME));
  }

  private take(events: AmdEvent[]): void {
    for (const event of events) {
      if (event.type === 'decision') {
        this.found = { decision: event.decision, ms: event.ms, beep: null };
        this.handlers.decided(this.found);
      } else {
        this.found = { ...this.found!, beep: event.beep };
        this.handlers.messageCanStart(this.found);
      }
    }
  }
}
