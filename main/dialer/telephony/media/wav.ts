import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { writePrivateFile } from '../../../platform/privateFiles';

// wavefile ships a CommonJS bundle that Node's ESM loader exposes only as a default export.
const { WaveFile } = createRequire(import.meta.url)('wavefile') as typeof import('wavefile');

export const TELEPHONY_RATE = 8000;

/** Decoders for the compressed formats wavefile understands, keyed by its bit-depth code. */
const DECODE: Record<string, (wav: InstanceType<typeof WaveFile>) => void> = {
  '8m': (wav) => wav.fromMuLaw(),
  '8a': (wav) => wav.fromALaw(),
  '4': (wav) => wav.fromIMAADPCM(),
};

/** The WAVE format codes a call can play: integer PCM, float PCM, A-law, μ-law. */
const PLAYABLE_FORMATS = new Set([1, 3, 6, 7]);
/** WAVE_FORMAT_EXTENSIBLE (more channels or bits than the plain header tells), whose subformat says the kind. */
const EXTENSIBLE = 0xfffe;
const EXTENSIBLE_PLAYABLE = new Set([1, 3]);

/** What a file holds, when it is WAV audio a call can play; otherwise why not, in words for the person who chose it. */
export function inspectWav(bytes: Uint8Array): { durationMs: number } | { problem: string } {
  let wav: InstanceType<typeof WaveFile>;
  try {
    wav = new WaveFile(bytes);
  } catch {
    return { problem: 'Not a WAV file' };
  }
  const fmt = wav.fmt as { audioFormat: number; sampleRate: number; blockAlign: number; subformat?: number[] };
  const playable = fmt.audioFormat === EXTENSIBLE ? EXTENSIBLE_PLAYABLE.has(fmt.subformat?.[0] ?? 0) : PLAYABLE_FORMATS.has(fmt.audioFormat);
  if (!playable) return { problem: 'This WAV holds compressed audio a call cannot play: save it as PCM, μ-law or A-law WAV' };
  const data = wav.data as { chunkSize: number; samples: Uint8Array };
  if (data.samples.length < data.chunkSize) return { problem: 'The WAV file is cut short' };
  const durationMs = fmt.sampleRate > 0 && fmt.blockAlign > 0 ? Math.round((data.samples.length / fmt.blockAlign / fmt.sampleRate) * 1000) : 0;
  return durationMs > 0 ? { durationMs } : { problem: 'The WAV file holds no audio' };
}

/**
 * A WAV file's audio as 8 kHz mono 16-bit PCM, whatever it holds: integer or float PCM of any depth,
 * μ-law, A-law or IMA ADPCM, at any rate, channels averaged. Throws for a file that is not a WAV.
 */
export async function readWavAsTelephonyPcm(path: string): Promise<Int16Array> {
  const wav = new WaveFile(await readFile(path));
  const decode = DECODE[wav.bitDepth];
  if (decode) decode(wav);
  if (wav.bitDepth !== '16') wav.toBitDepth('16');
  const { numChannels, sampleRate } = wav.fmt as { numChannels: number; sampleRate: number };
  // one array for a mono file, one per channel otherwise
  const samples = wav.getSamples(false, Int16Array) as unknown as Int16Array | Int16Array[];
  const channels = numChannels === 1 ? [samples as Int16Array] : (samples as Int16Array[]);
  const mono = averageChannels(channels);
  if (sampleRate === TELEPHONY_RATE) return mono;
  const resampled = new WaveFile();
  resampled.fromScratch(1, sampleRate, '16', mono);
  resampled.toSampleRate(TELEPHONY_RATE);
  return resampled.getSamples(false, Int16Array) as unknown as Int16Array;
}

/** Writes an 8 kHz 16-bit PCM WAV with one channel per track (the shorter track padded with silence). */
export async function writeTelephonyWav(path: string, tracks: Int16Array[]): Promise<void> {
  const length = Math.max(0, ...tracks.map((t) => t.length));
  const padded = tracks.map((track) => {
    const full = new Int16Array(length);
    full.set(track);
    return full;
  });
  const wav = new WaveFile();
  wav.fromScratch(tracks.length, TELEPHONY_RATE, '16', padded);
  // a call's audio is the person's: readable by this user only
  await writePrivateFile(path, wav.toBuffer());
}

function averageChannels(channels: Int16Array[]): Int16Array {
  if (channels.length === 1) return channels[0];
  const mono = new Int16Array(channels[0].length);
  for (let i = 0; i < mono.length; i++) {
    let sum = 0;
    for (const channel of channels) sum += channel[i];
    mono[i] = Math.round(sum / channels.length);
  }
  return mono;
}
