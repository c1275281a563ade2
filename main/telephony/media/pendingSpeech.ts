/** How long after the answer a spoken greeting may still take to arrive: the callee hears silence meanwhile. */
export const SPEECH_WAIT_MS = 3_000;

/** The greeting's speech as 8 kHz PCM, or why the call has none (in words for its record). */
export type SpokenGreeting = { pcm: Int16Array } | { failure: string };

/**
 * A spoken greeting asked for as the call is placed, so that it is there by the time the callee picks up; awaited
 * once the call is answered, for a short while only.
 */
export class PendingSpeech {
  private readonly abort = new AbortController();
  private readonly result: Promise<SpokenGreeting>;

  constructor(speak: (signal: AbortSignal) => Promise<Int16Array>) {
    // settled into a value at once: a call never answered leaves no rejection unhandled
    this.result = speak(this.abort.signal).then(
      (pcm) => ({ pcm }),
      (error: Error) => ({ failure: error.message }),
    );
  }

  /**
   * The speech, or the failure (also when it is not there within `waitMs`: the request is then dropped). Never
   * before the next turn of the event loop: the answered call's start() has returned by then, so a failure ends an
   * answered call, not one still being set up.
   */
  async ready(waitMs = SPEECH_WAIT_MS): Promise<SpokenGreeting> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<SpokenGreeting>((resolve) => {
      timer = setTimeout(() => resolve({ failure: `the greeting's speech was not ready within ${waitMs / 1000} s of the answer` }), waitMs);
    });
    const spoken = await Promise.race([this.result, late]);
    clearTimeout(timer);
    if ('failure' in spoken) this.cancel();
    await new Promise((resolve) => setImmediate(resolve));
    return spoken;
  }

  /** Drops the request, if it is still going (the call ended, or other audio replaced the greeting). */
  cancel(): void {
    this.abort.abort();
  }
}
