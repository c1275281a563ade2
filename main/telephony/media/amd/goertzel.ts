/** The Goertzel recurrence's coefficient for one frequency. */
export function goertzelCoefficient(hz: number, sampleRate: number): number {
  return 2 * Math.cos((2 * Math.PI * hz) / sampleRate);
}

/**
 * The power of one frequency in a block of samples (|X(f)|², as one DFT bin would give it), for the
 * cost of one multiply-add per sample: cheaper than an FFT when only a handful of frequencies matter.
 */
export function goertzelPower(pcm: Int16Array, coefficient: number): number {
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < pcm.length; i++) {
    const s0 = pcm[i] + coefficient * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
}
