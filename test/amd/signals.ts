import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';
import { FRAME_SAMPLES } from '../../main/telephony/media/g711';

/** Seeded white noise of about this RMS (a sum of uniforms, near Gaussian). */
export function noise(seconds: number, rms: number, seed = 1): Int16Array {
  const rng = xoroshiro128plus(seed);
  // the sum of 4 uniforms on ±1 has a variance of 4/3
  const scale = rms / Math.sqrt(4 / 3) / 1000;
  return Int16Array.from({ length: Math.round(seconds * 8000) }, () => {
    let sum = 0;
    for (let i = 0; i < 4; i++) sum += unsafeUniformIntDistribution(-1000, 1000, rng);
    return Math.round(sum * scale);
  });
}

const VOICE_HARMONICS = Array.from({ length: 20 }, (_, i) => i + 2);
/** The RMS of the harmonic sum below at an amplitude of 1. */
const VOICE_RMS = Math.sqrt(VOICE_HARMONICS.reduce((sum, k) => sum + 1 / k ** 2, 0) / 2);

/** A voiced sound of this RMS: the harmonics of a 140 Hz voice from 280 Hz to 3 kHz, falling off like speech's. */
export function voice(seconds: number, rms = 1600): Int16Array {
  return Int16Array.from({ length: Math.round(seconds * 8000) }, (_, i) => {
    let sum = 0;
    for (const k of VOICE_HARMONICS) sum += Math.sin((2 * Math.PI * 140 * k * i) / 8000 + k) / k;
    return Math.round((rms / VOICE_RMS) * sum);
  });
}

export const silence = (seconds: number) => new Int16Array(Math.round(seconds * 8000));

export function concat(...parts: Int16Array[]): Int16Array {
  const all = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

/** `a` plus `b` sample by sample (as long as `a`), clipped to 16 bits. */
export function mix(a: Int16Array, b: Int16Array): Int16Array {
  return Int16Array.from(a, (sample, i) => Math.max(-32768, Math.min(32767, sample + (b[i] ?? 0))));
}

/** 20 ms frames, as RTP brings them (a short last frame is dropped). */
export function frames(pcm: Int16Array): Int16Array[] {
  return Array.from({ length: Math.floor(pcm.length / FRAME_SAMPLES) }, (_, i) => pcm.subarray(i * FRAME_SAMPLES, (i + 1) * FRAME_SAMPLES));
}
