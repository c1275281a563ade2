import { afterAll, describe, expect, it } from 'vitest';
import { EnergyVad } from '../../main/telephony/media/amd/energyVad';
import { removeTempFiles } from '../support/tempFiles';
import { tone } from '../media/audio';
import { speak } from './corpus';
import { concat, frames, mix, noise, silence, voice } from './signals';

afterAll(removeTempFiles);

/** The voiced flag of every frame, as a string: '#' voiced, '.' not. */
function voicing(pcm: Int16Array, vad = new EnergyVad()): string {
  return frames(pcm)
    .map((frame) => (vad.push(frame).voiced ? '#' : '.'))
    .join('');
}

describe('energy VAD', () => {
  it('measures a frame in dB of its mean square', () => {
    const energyDb = (pcm: Int16Array) => new EnergyVad().push(pcm).energyDb;
    expect(energyDb(new Int16Array(160))).toBe(0);
    expect(energyDb(tone(1000, 0.02, 8000, 32767))).toBeCloseTo(87.3, 0);
    expect(energyDb(tone(1000, 0.02, 8000, 100))).toBeCloseTo(37, 0);
  });

  it('finds voice over a quiet line, with a two-frame hangover after it', () => {
    const line = voicing(concat(silence(0.4), voice(0.3), silence(0.4)));
    expect(line).toBe(`${'.'.repeat(20)}${'#'.repeat(15)}##${'.'.repeat(18)}`);
  });

  it('hears voice that starts with the first sample, before the line has a floor of its own', () => {
    // a word said up close (69 dB), as a person picking up says it
    const line = voicing(mix(concat(voice(0.3, 3000), silence(0.4)), noise(0.7, 30, 8)));
    expect(line).toBe(`${'#'.repeat(15)}##${'.'.repeat(18)}`);
  });

  it('follows the noise floor of the line: steady noise is not voice, voice over it is', () => {
    for (const rms of [30, 300, 1500]) {
      const vad = new EnergyVad();
      expect(voicing(noise(3, rms, rms), vad)).not.toContain('#');
      const floorDb = vad.push(noise(0.02, rms, 7)).floorDb;
      expect(Math.abs(floorDb - 20 * Math.log10(rms))).toBeLessThan(1.5);
      // the same voice 15 dB over each line's noise
      const spoken = voicing(mix(voice(0.5, rms * 5.6), noise(0.5, rms, 2)), vad);
      expect(spoken.split('').filter((f) => f === '#').length).toBeGreaterThanOrEqual(24);
    }
  });

  it('lets the floor rise when the line gets noisier, within the 2 s it looks back over', () => {
    const line = voicing(concat(noise(1, 50, 3), noise(4, 1000, 4)));
    expect(line.slice(50 + 110)).not.toContain('#');
  });

  it('is not fooled by a dropped packet of digital silence into hearing the noise as voice', () => {
    const line = voicing(concat(noise(1, 600, 5), silence(0.02), noise(1, 600, 6)));
    expect(line).not.toContain('#');
  });

  it('never calls a frame quieter than an RMS of about 56 voice, however quiet the line', () => {
    expect(voicing(concat(silence(0.5), tone(440, 0.5, 8000, 50), silence(0.5)))).not.toContain('#');
    expect(voicing(concat(silence(0.5), tone(440, 0.5, 8000, 200), silence(0.5)))).toContain('#');
  });

  it('finds the words of real speech and the pause between two sentences', async () => {
    const pcm = concat(silence(0.5), await speak('Hello?'), silence(1), await speak('Who is calling?'), silence(0.5));
    const line = voicing(mix(pcm, noise(pcm.length / 8000, 40, 9)));
    expect(line.slice(0, 25)).not.toContain('#');
    // both utterances are voice, and most of the second between them is silence
    expect(line).toMatch(/^\.+#{5,}.*\.{40,}.*#{5,}/);
  });
});
