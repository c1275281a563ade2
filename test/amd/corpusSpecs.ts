import { unsafeUniformIntDistribution, xoroshiro128plus, type RandomGenerator } from 'pure-rand';

/** Sounds made once per cache and mixed into clips (see corpus.ts for how each is made). */
export const TONES = {
  beep1000: { kind: 'beep', hz: [1000], seconds: 0.4 },
  beep1000short: { kind: 'beep', hz: [1000], seconds: 0.3 },
  beep950: { kind: 'beep', hz: [950], seconds: 0.5 },
  beep1050: { kind: 'beep', hz: [1050], seconds: 0.35 },
  /** Music-like: chords and single tones away from 900–1100 Hz, which must not pass for a beep. */
  chordC: { kind: 'music', hz: [523.25, 659.25, 783.99], seconds: 0.6 },
  chordA: { kind: 'music', hz: [440, 554.37, 659.25], seconds: 0.6 },
  chordHigh: { kind: 'music', hz: [1318.5, 1567.98, 1975.53], seconds: 0.5 },
  tone600: { kind: 'music', hz: [600], seconds: 0.5 },
  tone1400: { kind: 'music', hz: [1400], seconds: 0.5 },
} as const;
export type ToneName = keyof typeof TONES;

export const NOISES = ['whitenoise', 'pinknoise', 'brownnoise'] as const;
export type NoiseKind = (typeof NOISES)[number];

/** A sound placed after the speech (or before it, for an intro), `gapMs` after what comes before it. */
export interface Placed {
  tone: ToneName;
  gapMs: number;
  /** Its level against the speech's. */
  level: number;
}

/** One labelled clip: what is spoken, how, and what the line does to it. */
export interface ClipSpec {
  id: string;
  label: 'human' | 'machine';
  half: 'tuning' | 'heldOut';
  voice: string;
  /** espeak-ng words per minute and pitch (0–99). */
  speed: number;
  pitch: number;
  /** espeak-ng SSML: the words and the pauses between them. */
  ssml: string;
  /** Silence from the answer to the first sound. */
  leadMs: number;
  /** Music before the speech. */
  intro: Placed | null;
  /** Tones after the speech, in order (a beep, a chord then a beep, an off-band tone…). */
  after: Placed[];
  /** Audio kept after the last sound. */
  tailMs: number;
  /** Line level of the speech, in dB. */
  gainDb: number;
  noise: NoiseKind;
  snrDb: number;
}

const VOICES = ['en-us', 'en-gb', 'en+f3', 'en+m7', 'en-us+f2', 'en-gb-x-rp+f4', 'en-us+m3', 'en-gb-scotland'];
const NAMES = ['Dana', 'Chris', 'Maria Lopez', 'Sam', 'Priya', 'Tom Becker', 'Alex', 'Jordan', 'Lee', 'Olivia'];
const COMPANIES = ['Northwind Logistics', 'Meridian Travel', 'Acme Dental', 'Blue Harbor Realty', 'the Smith family'];

const HUMAN_OPENINGS = ['Hello?', 'Hi, this is {name}.', 'Yeah?', 'Hello, who is this?', 'Hello.', 'Yes?', '{name} speaking.', 'Hi!', 'Hello, {name} here.', 'Good morning.'];
const HUMAN_REPLIES = ['Hello? Is anyone there?', 'Who is calling?', 'Yes?', 'Hello?', 'Can I help you?', 'Hello, can you hear me?'];

/** Machine greetings, `|` marking a pause between sentences. */
const GREETINGS = [
  "Hi, you've reached {name}.|I can't take your call right now.|Please leave a message after the tone.",
  "Hello, this is {name}.|Sorry I missed your call.|Leave your name and number and I'll get back to you.",
  'The person you are trying to reach is not available.|At the tone, please record your message.|When you have finished recording, you may hang up.',
  'You have reached the voicemail of {name} at {company}.|Please leave a message after the beep.',
  "Hi, it's {name}.|Leave me a message and I'll call you back soon.",
  'Thank you for calling {company}.|Our office is currently closed.|Our hours are Monday to Friday, nine to five.|Please leave a message after the tone.',
  'The number you have dialed, two one two, five five five, zero one four two, is not available.|Please leave a message after the tone.',
  "Hey, this is {name}!|Can't get to the phone right now.|You know what to do.",
  "Hello, you've reached {company}.|All of our staff are busy helping other customers.|Please leave a detailed message and we will return your call.",
  "{name} here.|I'm away from my desk right now.|Please leave a message.",
  "You have reached the offices of {company}.|If you know your party's extension, you may dial it at any time.|Otherwise, please leave a message after the tone.",
];

const BEEPS: ToneName[] = ['beep1000', 'beep1000', 'beep1000short', 'beep950', 'beep1050'];
const MUSIC: ToneName[] = ['chordC', 'chordA', 'chordHigh', 'tone600', 'tone1400'];

/** Fixed from one seed: the same clips on every machine, half of each label for tuning, half held out. */
export function corpusSpecs(perLabel: number, seed = 17): ClipSpec[] {
  const rng = xoroshiro128plus(seed);
  const specs: ClipSpec[] = [];
  for (let i = 0; i < perLabel; i++) specs.push(humanSpec(rng, i), machineSpec(rng, i));
  return specs;
}

function common(rng: RandomGenerator) {
  return {
    voice: pick(rng, VOICES),
    speed: between(rng, 130, 190),
    pitch: between(rng, 30, 70),
    gainDb: -between(rng, 3, 20),
    noise: pick(rng, NOISES),
    snrDb: pick(rng, [30, 25, 20, 15, 10]),
  };
}

function humanSpec(rng: RandomGenerator, i: number): ClipSpec {
  const line = common(rng);
  const opening = fill(rng, pick(rng, HUMAN_OPENINGS));
  const replies = between(rng, 0, 1) === 1;
  const ssml = replies ? `${opening}<break time="${between(rng, 1000, 2000)}ms"/>${pick(rng, HUMAN_REPLIES)}` : opening;
  return { id: `human-${i}`, label: 'human', half: halfOf(i), ...line, ssml, leadMs: between(rng, 200, 1500), intro: null, after: [], tailMs: 3000 };
}

function machineSpec(rng: RandomGenerator, i: number): ClipSpec {
  const line = common(rng);
  const sentences = fill(rng, pick(rng, GREETINGS)).split('|');
  const ssml = sentences.map((s, n) => (n ? `<break time="${pick(rng, [0, 150, 300, 500])}ms"/>` : '') + s).join(' ');
  const intro = between(rng, 1, 100) <= 15 ? { tone: pick(rng, MUSIC.slice(0, 3)), gapMs: 300, level: 0.3 } : null;
  const beep = (): Placed => ({ tone: pick(rng, BEEPS), gapMs: between(rng, 200, 1000), level: between(rng, 3, 8) / 10 });
  const music = (): Placed => ({ tone: pick(rng, MUSIC), gapMs: between(rng, 200, 800), level: between(rng, 2, 5) / 10 });
  const ending = between(rng, 1, 100);
  const after = ending <= 60 ? [beep()] : ending <= 75 ? [] : ending <= 90 ? [music()] : [music(), beep()];
  return { id: `machine-${i}`, label: 'machine', half: halfOf(i), ...line, ssml, leadMs: between(rng, 100, 1000), intro, after, tailMs: 2500 };
}

const halfOf = (i: number): ClipSpec['half'] => (i % 2 ? 'heldOut' : 'tuning');

function fill(rng: RandomGenerator, template: string): string {
  return template.replace('{name}', pick(rng, NAMES)).replace('{company}', pick(rng, COMPANIES));
}

function between(rng: RandomGenerator, min: number, max: number): number {
  return unsafeUniformIntDistribution(min, max, rng);
}

function pick<T>(rng: RandomGenerator, list: readonly T[]): T {
  return list[between(rng, 0, list.length - 1)];
}
