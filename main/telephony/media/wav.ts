import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { writePrivateFile } from '../../platform/privateFiles';

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
  return toTelephonyRate(averageChannels(channels), sampleRate);
}

/**
 * Mono 16-bit PCM at `sampleRate` as 8 kHz. wavefile low-passes below the new Nyquist (a 16th-order Butterworth,
 * run forwards and backwards) before it interpolates, so what a higher rate holds above 4 kHz does not alias.
 */
export function toTelephonyRate(mono: Int16Array, sampleRate: number): Int16Array {
  if (sampleRate === TELEPHONY_RATE) return mono;
  const resampled = new WaveFile();
  resampled.fromScratch(1, sampleRate, '16', mono);
  resampled.toSampleRate(TELEPHONY_RATE);
  return resampled.getSamples(false, Int16Array) as unknown as Int16Array;
}

const BYTES_PER_SAMPLE = 2;
const HEADER_BYTES = 44;
/**
 * Sample frames (a sample of every track) encoded per write: a second of audio. A recording is written as its call
 * ends, while other calls go on, so a long call's must never be encoded in one go: the event loop that paces their
 * audio every 20 ms gets its turn between two writes.
 */
const FRAMES_PER_WRITE = TELEPHONY_RATE;

/** The canonical 44-byte header of 16-bit integer PCM at 8 kHz. */
function pcmWavHeader(channels: number, frames: number): Uint8Array {
  const header = new DataView(new ArrayBuffer(HEADER_BYTES));
  const text = (at: number, chars: string) => [...chars].forEach((char, i) => header.setUint8(at + i, char.charCodeAt(0)));
  const blockAlign = channels * BYTES_PER_SAMPLE;
  const dataBytes = frames * blockAlign;
  text(0, 'RIFF');
  header.setUint32(4, HEADER_BYTES - 8 + dataBytes, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  header.setUint32(16, 16, true);
  header.setUint16(20, 1, true);
  header.setUint16(22, channels, true);
  header.setUint32(24, TELEPHONY_RATE, true);
  header.setUint32(28, TELEPHONY_RATE * blockAlign, true);
  header.setUint16(32, blockAlign, true);
  header.setUint16(34, BYTES_PER_SAMPLE * 8, true);
  text(36, 'data');
  header.setUint32(40, dataBytes, true);
  return new Uint8Array(header.buffer);
}

/** The file's bytes a second of audio at a time, the tracks interleaved (little-endian) and the shorter ones padded with silence. */
function* pcmWavChunks(tracks: Int16Array[]): Generator<Uint8Array> {
  const frames = Math.max(0, ...tracks.map((t) => t.length));
  yield pcmWavHeader(tracks.length, frames);
  for (let first = 0; first < frames; first += FRAMES_PER_WRITE) {
    const end = Math.min(frames, first + FRAMES_PER_WRITE);
    const chunk = new DataView(new ArrayBuffer((end - first) * tracks.length * BYTES_PER_SAMPLE));
    let at = 0;
    for (let frame = first; frame < end; frame++) {
      for (const track of tracks) {
        chunk.setInt16(at, frame < track.length ? track[frame] : 0, true);
        at += BYTES_PER_SAMPLE;
      }
    }
    yield new Uint8Array(chunk.buffer);
  }
}

/** Writes an 8 kHz 16-bit PCM WAV with one channel per track (the shorter track padded with silence). */
export async function writeTelephonyWav(path: string, tracks: Int16Array[]): Promise<void> {
  // a call's audio is the person's: readable by this user only
  await writePrivateFile(path, pcmWavChunks(tracks));
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
