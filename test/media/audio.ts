import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tempFile } from '../support/tempFiles';

const { WaveFile } = createRequire(import.meta.url)('wavefile') as typeof import('wavefile');

/** A sine tone as 16-bit PCM. */
export function tone(hz: number, seconds: number, rate = 8000, amplitude = 8000): Int16Array {
  const samples = new Int16Array(Math.round(seconds * rate));
  for (let i = 0; i < samples.length; i++) samples[i] = Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / rate));
  return samples;
}

/** Sign changes per second: twice the frequency of a pure tone. */
export function zeroCrossingsPerSecond(samples: Int16Array, rate = 8000): number {
  let crossings = 0;
  for (let i = 1; i < samples.length; i++) if (samples[i - 1] < 0 !== samples[i] < 0) crossings++;
  return crossings / (samples.length / rate);
}

/** A WAV file's bytes, of 16-bit PCM channels; `law` re-encodes it as a G.711 WAV (format 6 or 7). */
export function wavBytes(channels: Int16Array[], rate = 8000, law?: 'mulaw' | 'alaw'): Buffer {
  const wav = new WaveFile();
  wav.fromScratch(channels.length, rate, '16', channels.length === 1 ? channels[0] : channels);
  if (law === 'mulaw') wav.toMuLaw();
  if (law === 'alaw') wav.toALaw();
  return Buffer.from(wav.toBuffer());
}

/** A temp WAV file (see wavBytes). */
export function wavFile(channels: Int16Array[], rate = 8000, law?: 'mulaw' | 'alaw'): string {
  const path = tempFile('audio.wav');
  writeFileSync(path, wavBytes(channels, rate, law));
  return path;
}

/** A WAV file's format and channels as 16-bit PCM. */
export function readWav(path: string): { format: number; rate: number; channels: Int16Array[] } {
  const wav = new WaveFile(readFileSync(path));
  const fmt = wav.fmt as { audioFormat: number; sampleRate: number; numChannels: number };
  const samples = wav.getSamples(false, Int16Array) as unknown as Int16Array | Int16Array[];
  return { format: fmt.audioFormat, rate: fmt.sampleRate, channels: fmt.numChannels === 1 ? [samples as Int16Array] : (samples as Int16Array[]) };
}

/** Where `needle` first occurs in `haystack`, sample for sample (a sample index), or -1. */
export function indexOfPcm(haystack: Int16Array, needle: Int16Array): number {
  const bytes = (pcm: Int16Array) => Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  for (let at = bytes(haystack).indexOf(bytes(needle)); at !== -1; at = bytes(haystack).indexOf(bytes(needle), at + 1)) if (at % 2 === 0) return at / 2;
  return -1;
}

/** Whether `needle` occurs in `haystack`, sample for sample. */
export function containsPcm(haystack: Int16Array, needle: Int16Array): boolean {
  return indexOfPcm(haystack, needle) !== -1;
}
