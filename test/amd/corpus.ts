import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readWav } from '../media/audio';
import { tempFile } from '../support/tempFiles';
import { corpusSpecs, NOISES, TONES, type ClipSpec, type NoiseKind, type Placed } from './corpusSpecs';

const run = promisify(execFile);

/** Kept between runs (and shared by the tests and the bench): each file is named by a hash of what made it. */
const CACHE_DIR = join(tmpdir(), 'dialwell-amd-corpus');
/** Raise when the way clips are made changes, so that no stale clip is reused. */
const GENERATOR_VERSION = 4;
/** espeak-ng's own rate: every input of one sox merge must share it. */
const RATE = 22050;
/** About the RMS of espeak-ng's speech at its default amplitude: the SNR is set against it. */
const SPEECH_RMS = 0.1;
/** Longer than the longest clip. */
const NOISE_SECONDS = 25;
/** Two cores are shared with everything else running here. */
const WORKERS = 2;

/** A clip as RTP carries it (8 kHz G.711 μ-law, exactly the payload bytes), with where its sounds fall. */
export interface Clip {
  spec: ClipSpec;
  ulaw: Uint8Array;
  /** When the first word starts and the last one ends (as espeak-ng's output does, with its short silences). */
  speechStartMs: number;
  speechEndMs: number;
  /** When the beep ends; null for a clip without one. */
  beepEndMs: number | null;
}

type Timeline = Omit<Clip, 'spec' | 'ulaw'>;

/**
 * The labelled corpus, `perLabel` clips of each label: spoken by espeak-ng, put on a phone line by sox
 * (noise at the clip's SNR, its level, the 300–3400 Hz band, 8 kHz μ-law). Made on first use, at most
 * WORKERS processes at a time, and read back from the cache after that.
 */
export async function loadCorpus(perLabel: number): Promise<Clip[]> {
  mkdirSync(CACHE_DIR, { recursive: true });
  await makeSounds();
  const noiseRms = Object.fromEntries(NOISES.map((kind) => [kind, rms(readWav(noisePath(kind)).channels[0])])) as Record<NoiseKind, number>;
  const clips = corpusSpecs(perLabel).map((spec) => ({ spec, base: cached({ GENERATOR_VERSION, spec, tones: TONES }) }));
  const missing = clips.filter(({ base }) => !existsSync(`${base}.json`));
  await inShells(missing.map(({ spec, base }) => shellCommand('espeak-ng', speechArgs(spec, speechPath(base)))));
  const mixes = missing.map(({ spec, base }) => ({ base, ...mixPlan(spec, base, noiseRms[spec.noise]) }));
  await inShells(mixes.map((mix) => shellCommand('sox', mix.soxArgs)));
  for (const { base, timeline } of mixes) {
    rmSync(speechPath(base));
    renameSync(partName(`${base}.ul`), `${base}.ul`);
    writeFileSync(partName(`${base}.json`), JSON.stringify(timeline));
    renameSync(partName(`${base}.json`), `${base}.json`);
  }
  return clips.map(({ spec, base }) => ({
    spec,
    ulaw: new Uint8Array(readFileSync(`${base}.ul`)),
    ...(JSON.parse(readFileSync(`${base}.json`, 'utf8')) as Timeline),
  }));
}

/** A sentence spoken by espeak-ng and band-limited like a phone line, as 8 kHz 16-bit PCM. */
export async function speak(text: string, voice = 'en-us'): Promise<Int16Array> {
  const wav = tempFile('speech.wav');
  await run('espeak-ng', ['-v', voice, '-w', wav, text]);
  const { stdout } = await run('sox', [wav, '-t', 's16', '-r', '8000', '-c', '1', '-', 'sinc', '300-3400'], { encoding: 'buffer' });
  return new Int16Array(Uint8Array.from(stdout).buffer);
}

const speechPath = (base: string) => partName(`${base}.speech.wav`);

function speechArgs(spec: ClipSpec, wav: string): string[] {
  return ['-m', '-v', spec.voice, '-s', String(spec.speed), '-p', String(spec.pitch), '-w', wav, `<speak>${spec.ssml}</speak>`];
}

/** Where each sound of the clip falls once its speech is known, and the one sox merge that lays them out. */
function mixPlan(spec: ClipSpec, base: string, noiseRms: number): { soxArgs: string[]; timeline: Timeline } {
  const placed: { path: string; atMs: number; volume: number }[] = [];
  const speechGain = 10 ** (spec.gainDb / 20);
  const place = (sound: Placed, atMs: number) => {
    placed.push({ path: tonePath(TONES[sound.tone].hz, TONES[sound.tone].seconds), atMs, volume: speechGain * sound.level });
    return atMs + TONES[sound.tone].seconds * 1000;
  };
  let at = spec.leadMs;
  if (spec.intro) at = place(spec.intro, at) + spec.intro.gapMs;
  const speechStartMs = at;
  const speechEndMs = speechStartMs + wavSeconds(speechPath(base)) * 1000;
  at = speechEndMs;
  let beepEndMs: number | null = null;
  for (const sound of spec.after) {
    at = place(sound, at + sound.gapMs);
    if (TONES[sound.tone].kind === 'beep') beepEndMs = at;
  }
  const noiseVolume = (speechGain * SPEECH_RMS * 10 ** (-spec.snrDb / 20)) / noiseRms;
  const inputs = [{ path: speechPath(base), atMs: speechStartMs, volume: speechGain }, { path: noisePath(spec.noise), atMs: 0, volume: noiseVolume }, ...placed];
  // every sound on its own channel at its own delay, then mixed down at their levels
  const soxArgs = [
    '-R',
    '-M',
    ...inputs.map((input) => input.path),
    ...['-t', 'ul', partName(`${base}.ul`)],
    ...['delay', ...inputs.map((input) => seconds(input.atMs))],
    ...['remix', inputs.map((input, i) => `${i + 1}v${input.volume.toFixed(5)}`).join(',')],
    ...['rate', '8000', 'sinc', '300-3400', 'trim', '0', seconds(at + spec.tailMs)],
  ];
  return { soxArgs, timeline: { speechStartMs, speechEndMs, beepEndMs } };
}

/**
 * The sounds clips are mixed from, made once: band-limited noise of each kind, and each beep or chord at
 * full scale (a chord is its sines on separate channels, then mixed down).
 */
async function makeSounds(): Promise<void> {
  const sounds = [
    ...NOISES.map((kind) => ({ path: noisePath(kind), channels: 1, synth: [String(NOISE_SECONDS), kind, 'sinc', '300-3400'] })),
    ...Object.values(TONES).map(({ hz, seconds: length }) => ({
      path: tonePath(hz, length),
      channels: hz.length,
      synth: [String(length), ...hz.flatMap((f) => ['sine', String(f)]), 'channels', '1'],
    })),
  ].filter(({ path }) => !existsSync(path));
  await inShells(sounds.map(({ path, channels, synth }) => shellCommand('sox', ['-R', '-r', String(RATE), '-c', String(channels), '-n', partName(path), 'synth', ...synth])));
  for (const { path } of sounds) renameSync(partName(path), path);
}

function rms(pcm: Int16Array): number {
  let sum = 0;
  for (const sample of pcm) sum += sample * sample;
  return Math.sqrt(sum / pcm.length) / 32768;
}

const tonePath = (hz: readonly number[], length: number) => `${cached({ GENERATOR_VERSION, RATE, hz, length })}.wav`;
const noisePath = (kind: NoiseKind) => `${cached({ GENERATOR_VERSION, RATE, NOISE_SECONDS, kind })}.wav`;

/** The cache path (without extension) for what these parameters make. */
function cached(parameters: unknown): string {
  return join(CACHE_DIR, createHash('sha256').update(JSON.stringify(parameters)).digest('hex').slice(0, 20));
}

/** A name to write under before renaming into place (another process may be making the same file), of the same type. */
const partName = (path: string) => path.replace(/(\.\w+)$/, `.${process.pid}.part$1`);

const seconds = (ms: number) => (ms / 1000).toFixed(4);

/** The length of a 16-bit mono WAV as espeak-ng writes it (a 44-byte header). */
function wavSeconds(path: string): number {
  return (statSync(path).size - 44) / 2 / RATE;
}

/** A command line for bash, every argument quoted. */
function shellCommand(program: string, args: string[]): string {
  return [program, ...args].map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ');
}

/**
 * Runs the commands split over WORKERS bash scripts: most of making a clip is starting espeak-ng and
 * sox, which a shell does far more cheaply than Node.
 */
async function inShells(commands: string[]): Promise<void> {
  const share = Math.ceil(commands.length / WORKERS);
  const scripts = Array.from({ length: WORKERS }, (_, i) => commands.slice(i * share, (i + 1) * share)).filter((part) => part.length);
  await Promise.all(
    scripts.map(async (lines, i) => {
      const script = join(CACHE_DIR, `make.${process.pid}.${i}.sh`);
      writeFileSync(script, `set -e\n${lines.join('\n')}\n`);
      try {
        await run('bash', [script], { maxBuffer: 64 * 1024 * 1024 });
      } finally {
        rmSync(script, { force: true });
      }
    }),
  );
}
