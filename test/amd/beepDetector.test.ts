import { afterAll, describe, expect, it } from 'vitest';
import { BeepDetector, type Beep } from '../../main/telephony/media/amd/beepDetector';
import { removeTempFiles } from '../support/tempFiles';
import { tone } from '../media/audio';
import { speak } from './corpus';
import { concat, frames, mix, noise, silence, voice } from './signals';

afterAll(removeTempFiles);

function beepsIn(pcm: Int16Array): Beep[] {
  const detector = new BeepDetector();
  return frames(pcm).flatMap((frame) => detector.push(frame) ?? []);
}

/** The sound after 0.5 s of silence, and 0.5 s of silence after it. */
const framed = (sound: Int16Array) => concat(silence(0.5), sound, silence(0.5));

describe('beep detector (Goertzel, 900–1100 Hz)', () => {
  it('finds a 250 ms tone of 1 kHz, reporting when it began and ended', () => {
    expect(beepsIn(framed(tone(1000, 0.25)))).toEqual([{ hz: 1000, startMs: 500, endMs: 740 }]);
  });

  it('does not take a 150 ms tone for a beep', () => {
    expect(beepsIn(framed(tone(1000, 0.15)))).toEqual([]);
  });

  it('finds tones across the band, off the frame grid, quiet or in noise', () => {
    for (const hz of [900, 940, 1012, 1100]) expect(beepsIn(framed(tone(hz, 0.4))).map((b) => b.hz)).toEqual([Math.round(hz / 25) * 25]);
    expect(beepsIn(concat(silence(0.51), tone(1000, 0.3), silence(0.5)))).toHaveLength(1);
    expect(beepsIn(framed(tone(1000, 0.4, 8000, 300)))).toHaveLength(1);
    const noisy = framed(tone(1000, 0.4, 8000, 3000));
    expect(beepsIn(mix(noisy, noise(noisy.length / 8000, 700, 3)))).toHaveLength(1);
  });

  it('ignores tones outside the band, however long', () => {
    for (const hz of [440, 700, 800, 1200, 1400, 2000]) expect(beepsIn(framed(tone(hz, 1))), `${hz} Hz`).toEqual([]);
  });

  it('ignores chords, even one with 1 kHz in it, and a tone that wanders', () => {
    const chord = (...hz: number[]) => hz.map((f) => tone(f, 1, 8000, 3000)).reduce(mix);
    expect(beepsIn(framed(chord(523.25, 659.25, 783.99)))).toEqual([]);
    expect(beepsIn(framed(chord(1000, 1250, 1500)))).toEqual([]);
    // 900 Hz to 1100 Hz in 0.4 s: never within 25 Hz of one frequency for 200 ms
    const sweep = Int16Array.from({ length: 3200 }, (_, i) => Math.round(8000 * Math.sin(2 * Math.PI * (900 * (i / 8000) + 250 * (i / 8000) ** 2))));
    expect(beepsIn(framed(sweep))).toEqual([]);
  });

  it('ignores speech and voiced sounds, and noise', async () => {
    const speech = concat(await speak('Hello, you have reached Maria. Please leave a message after the tone.', 'en+f3'), await speak('Hello? Who is this?', 'en-us'));
    expect(beepsIn(speech)).toEqual([]);
    expect(beepsIn(framed(voice(2)))).toEqual([]);
    expect(beepsIn(noise(2, 3000, 4))).toEqual([]);
  });

  it('finds the beep at the end of a greeting', async () => {
    const greeting = await speak('Please leave a message after the tone.');
    const pcm = concat(greeting, silence(0.3), tone(1000, 0.4), silence(0.5));
    const startMs = ((greeting.length + 2400) / 8000) * 1000;
    expect(beepsIn(pcm)).toEqual([{ hz: 1000, startMs: expect.closeTo(startMs, -2) as number, endMs: expect.closeTo(startMs + 400, -2) as number }]);
  });
});
