import { goertzelCoefficient, goertzelPower } from './goertzel';
import { FRAME_MS } from '../g711';

/** The band a voicemail beep is looked for in, in steps a quarter of a 20 ms frame's bin width (50 Hz) apart. */
const BAND_HZ = Array.from({ length: 9 }, (_, i) => 900 + 25 * i);
const COEFFICIENTS = BAND_HZ.map((hz) => goertzelCoefficient(hz, 8000));
/** The share of a frame's energy that one frequency of the band must hold: speech and chords spread theirs. */
const MIN_PURITY = 0.6;
/** Frames quieter than this (an RMS of about 100) carry no beep worth the name. */
const MIN_POWER = 100 * 100;
/** A steady tone this long is a beep; a vowel never holds one frequency that purely for so long. */
const MIN_BEEP_MS = 200;
const MIN_BEEP_FRAMES = MIN_BEEP_MS / FRAME_MS;

export interface Beep {
  hz: number;
  startMs: number;
  endMs: number;
}

/**
 * A steady tone of 900–1100 Hz lasting at least MIN_BEEP_MS, on 20 ms frames of 8 kHz audio. Each frame's
 * strongest band frequency must hold MIN_PURITY of its energy and stay within one step of where the tone
 * began; the beep is reported when the tone stops, which is when a message can start.
 */
export class BeepDetector {
  private elapsedMs = 0;
  private toneFrames = 0;
  private toneBin = -1;

  /** A tone is sounding, whether or not it has held long enough to be a beep yet. */
  get toneStarted(): boolean {
    return this.toneFrames > 0;
  }

  /** A tone has held long enough to be a beep and is still sounding. */
  get sounding(): boolean {
    return this.toneFrames >= MIN_BEEP_FRAMES;
  }

  /** Takes one frame; returns the beep that ended with it, if any. */
  push(pcm: Int16Array): Beep | null {
    const bin = toneBin(pcm);
    this.elapsedMs += FRAME_MS;
    if (bin !== -1 && this.toneFrames > 0 && Math.abs(bin - this.toneBin) <= 1) {
      this.toneFrames++;
      return null;
    }
    const ended: Beep | null = this.sounding
      ? { hz: BAND_HZ[this.toneBin], startMs: this.elapsedMs - FRAME_MS * (this.toneFrames + 1), endMs: this.elapsedMs - FRAME_MS }
      : null;
    this.toneFrames = bin === -1 ? 0 : 1;
    this.toneBin = bin;
    return ended;
  }
}

/** The band frequency (its index) that holds a steady tone's share of the frame's energy, or -1. */
function toneBin(pcm: Int16Array): number {
  let energy = 0;
  for (let i = 0; i < pcm.length; i++) energy += pcm[i] * pcm[i];
  if (energy < MIN_POWER * pcm.length) return -1;
  let best = -1;
  let bestPower = 0;
  for (let k = 0; k < COEFFICIENTS.length; k++) {
    const power = goertzelPower(pcm, COEFFICIENTS[k]);
    if (power > bestPower) [best, bestPower] = [k, power];
  }
  // a pure tone on the frequency gives |X|² = (A·N/2)² against an energy of N·A²/2: a share of 1
  return (2 * bestPower) / (pcm.length * energy) >= MIN_PURITY ? best : -1;
}
