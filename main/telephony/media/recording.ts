import { writeTelephonyWav } from './wav';

/** 8 kHz PCM written at sample offsets, growing as needed; gaps stay silent. */
class Track {
  private samples = new Int16Array(8000 * 16);
  length = 0;

  writeAt(offset: number, pcm: Int16Array): void {
    const end = offset + pcm.length;
    if (end > this.samples.length) {
      const grown = new Int16Array(Math.max(end, this.samples.length * 2));
      grown.set(this.samples.subarray(0, this.length));
      this.samples = grown;
    }
    this.samples.set(pcm, offset);
    this.length = Math.max(this.length, end);
  }

  audio(): Int16Array {
    return this.samples.subarray(0, this.length);
  }
}

/** Samples the far end's position may stray from our send clock before we re-anchor it (1 s). */
const MAX_DRIFT = 8000;

/**
 * Both directions of a call on one timeline (sample 0 = the call's start): what we sent, one frame per
 * send tick, and what the far end sent, placed by its RTP timestamps relative to when its first packet
 * arrived, so lost or reordered packets leave silence in the right place rather than shifting the rest.
 */
export class CallRecording {
  private readonly received = new Track();
  private readonly sent = new Track();
  private anchor: { ssrc: number; timestamp: number; at: number } | null = null;

  recordSent(at: number, pcm: Int16Array): void {
    this.sent.writeAt(at, pcm);
  }

  /** `now` is the send clock in samples when the packet arrived. */
  recordReceived(now: number, packet: { ssrc: number; timestamp: number }, pcm: Int16Array): void {
    let at = this.anchor ? this.anchor.at + ((packet.timestamp - this.anchor.timestamp) | 0) : now;
    if (!this.anchor || this.anchor.ssrc !== packet.ssrc || Math.abs(at - now) > MAX_DRIFT) {
      this.anchor = { ssrc: packet.ssrc, timestamp: packet.timestamp, at: now };
      at = now;
    }
    this.received.writeAt(at, pcm);
  }

  /** Channel 1: the far end; channel 2: what we sent. */
  write(path: string): Promise<void> {
    return writeTelephonyWav(path, [this.received.audio(), this.sent.audio()]);
  }
}
