import { FRAME_SAMPLES } from './g711';

/**
 * What the far end hears next: encoded G.711 audio cut into 20 ms frames, with named marks placed
 * between the audio (the Media Streams `mark`: reported once everything queued before it has played).
 */
export class Playout {
  private chunks: Uint8Array[] = [];
  /** Read position in chunks[0]. */
  private offset = 0;
  private queuedBytes = 0;
  private playedBytes = 0;
  private marks: { name: string; at: number }[] = [];

  constructor(private readonly silenceByte: number) {}

  enqueue(bytes: Uint8Array): void {
    if (!bytes.length) return;
    this.chunks.push(bytes);
    this.queuedBytes += bytes.length;
  }

  mark(name: string): void {
    this.marks.push({ name, at: this.queuedBytes });
  }

  /** Drops the queued audio; returns the marks that were waiting for it. */
  clear(): string[] {
    this.chunks = [];
    this.offset = 0;
    this.playedBytes = this.queuedBytes;
    return this.marks.splice(0).map((m) => m.name);
  }

  /** The next frame (padded with silence when the queue runs short) and the marks it completes. */
  nextFrame(): { frame: Uint8Array; marksPlayed: string[] } {
    const frame = new Uint8Array(FRAME_SAMPLES).fill(this.silenceByte);
    let filled = 0;
    while (filled < FRAME_SAMPLES && this.chunks.length) {
      const chunk = this.chunks[0];
      const take = Math.min(FRAME_SAMPLES - filled, chunk.length - this.offset);
      frame.set(chunk.subarray(this.offset, this.offset + take), filled);
      filled += take;
      this.offset += take;
      if (this.offset === chunk.length) {
        this.chunks.shift();
        this.offset = 0;
      }
    }
    this.playedBytes += filled;
    const reached = this.marks.findIndex((m) => m.at > this.playedBytes);
    const marksPlayed = this.marks.splice(0, reached === -1 ? this.marks.length : reached).map((m) => m.name);
    return { frame, marksPlayed };
  }
}
