import { afterAll, describe, expect, it } from 'vitest';
import { AMD_DEFAULTS } from '../../shared/campaigns/amdSettings';
import { AnsweringMachineDetector, type AmdEvent } from '../../main/telephony/media/amd/detector';
import { removeTempFiles } from '../support/tempFiles';
import { tone } from '../media/audio';
import { speak } from './corpus';
import { concat, mix, noise, silence, voice } from './signals';

afterAll(removeTempFiles);

/** Everything the detector said, fed in packets of `samples` (the last one shorter). */
function feed(pcm: Int16Array, samples = 160, detector = new AnsweringMachineDetector()): AmdEvent[] {
  const events: AmdEvent[] = [];
  for (let at = 0; at < pcm.length; at += samples) events.push(...detector.push(pcm.subarray(at, at + samples)));
  return events;
}

/** A line with a little noise on it. */
const line = (pcm: Int16Array) => mix(pcm, noise(pcm.length / 8000, 30, 5));

/** A machine's greeting: 0.3 s of silence, then three phrases of 0.9 s with 0.3 s pauses (it ends at 3.6 s). */
const greeting = () => concat(silence(0.3), voice(0.9), silence(0.3), voice(0.9), silence(0.3), voice(0.9));

describe('answering-machine detector', () => {
  it('decides a machine on its greeting, then starts the message when the beep ends', () => {
    const events = feed(line(concat(greeting(), silence(0.5), tone(1000, 0.4), silence(1))));
    expect(events).toEqual([
      // 940 ms of voice from the first phrase (with the VAD's 40 ms hangover), 760 ms from the second
      { type: 'decision', decision: 'machine', reason: 'long-greeting', ms: 1500 + 760, features: { initialSilenceMs: 300, greetingMs: 1700, words: 2, silenceMs: 0 } },
      // the beep sounds from 4100 to 4500 ms: its end is seen in the next frame
      { type: 'messageStart', beep: true, reason: 'beep', atMs: 4500 + 20 },
    ]);
  });

  it('starts the message after messageSilenceMs of silence when no beep comes', () => {
    const events = feed(line(concat(greeting(), silence(3))));
    // the greeting's last voice ends at 3600 ms, held by the VAD's 40 ms hangover
    expect(events.at(-1)).toEqual({ type: 'messageStart', beep: false, reason: 'silence', atMs: 3640 + 1500 });
  });

  it('gives up waiting messageWaitMaxMs after the decision when the greeting never ends', () => {
    const settings = { ...AMD_DEFAULTS, messageWaitMaxMs: 4000 };
    // a greeting that runs into music and never stops
    const events = feed(line(concat(greeting(), tone(1400, 6))), 160, new AnsweringMachineDetector(settings));
    expect(events.at(-1)).toEqual({ type: 'messageStart', beep: false, reason: 'cap', atMs: 2260 + 4000 });
  });

  it('takes a beep before any decision for a machine, and starts the message as it ends', () => {
    const events = feed(line(concat(silence(0.5), voice(0.5), silence(0.2), tone(1000, 0.5), silence(1))));
    expect(events).toMatchObject([
      { type: 'decision', decision: 'machine', reason: 'beep', ms: 1200 + 200 },
      { type: 'messageStart', beep: true, atMs: 1700 + 20 },
    ]);
  });

  it('decides a person who says "Hello?" the moment the call is picked up', async () => {
    const events = feed(line(concat(await speak('Hello?'), silence(1.5))));
    // its word is heard from the third frame on, where the rise of the "H" is over
    expect(events).toMatchObject([{ type: 'decision', decision: 'human', reason: 'after-greeting-silence', features: { initialSilenceMs: 60 } }]);
  });

  it('stops after a person: no message start, and later audio is ignored', () => {
    const detector = new AnsweringMachineDetector();
    const events = feed(line(concat(silence(0.6), voice(0.5), silence(1.5))), 160, detector);
    expect(events).toEqual([{ type: 'decision', decision: 'human', reason: 'after-greeting-silence', ms: 1100 + 40 + 660, features: expect.any(Object) as object }]);
    expect(detector.listening).toBe(false);
    expect(detector.push(tone(1000, 1))).toEqual([]);
    expect(detector.messageStart).toBeNull();
  });

  it('decides the same whatever the packet size, down to a few samples at a time', () => {
    const call = line(concat(greeting(), silence(0.4), tone(1000, 0.4), silence(1)));
    const framed = feed(call);
    for (const samples of [240, 80, 7, call.length]) expect(feed(call, samples), `${samples} samples`).toEqual(framed);
  });
});
