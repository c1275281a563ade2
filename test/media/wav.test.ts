import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeG711, encodeG711 } from '../../main/telephony/media/g711';
import { readWavAsTelephonyPcm, writeTelephonyWav } from '../../main/telephony/media/wav';
import { removeTempFiles, tempFile } from '../support/tempFiles';
import { readWav, tone, wavFile, zeroCrossingsPerSecond } from './audio';

afterAll(removeTempFiles);

const peak = (samples: Int16Array) => samples.reduce((max, s) => Math.max(max, Math.abs(s)), 0);

describe('WAV input for calls', () => {
  it('reads an 8 kHz mono PCM file as it is', async () => {
    const samples = tone(440, 0.5);
    expect(await readWavAsTelephonyPcm(wavFile([samples]))).toEqual(samples);
  });

  it('resamples and downmixes a 44.1 kHz stereo tone to 8 kHz mono, keeping its pitch and level', async () => {
    const left = tone(440, 1, 44_100);
    const pcm = await readWavAsTelephonyPcm(wavFile([left, left], 44_100));
    expect(pcm.length).toBeGreaterThanOrEqual(7990);
    expect(pcm.length).toBeLessThanOrEqual(8010);
    expect(zeroCrossingsPerSecond(pcm)).toBeGreaterThan(870);
    expect(zeroCrossingsPerSecond(pcm)).toBeLessThan(890);
    expect(peak(pcm)).toBeGreaterThan(7500);
    expect(peak(pcm)).toBeLessThan(8500);
  });

  it('averages the channels of a stereo file', async () => {
    const pcm = await readWavAsTelephonyPcm(wavFile([new Int16Array(800).fill(1000), new Int16Array(800).fill(3000)]));
    expect(new Set(pcm)).toEqual(new Set([2000]));
  });

  it('decodes μ-law and A-law WAV files', async () => {
    const samples = tone(1000, 0.25);
    expect(await readWavAsTelephonyPcm(wavFile([samples], 8000, 'mulaw'))).toEqual(decodeG711('PCMU', encodeG711('PCMU', samples)));
    expect(await readWavAsTelephonyPcm(wavFile([samples], 8000, 'alaw'))).toEqual(decodeG711('PCMA', encodeG711('PCMA', samples)));
  });

  it('turns a 16 kHz tone into μ-law frames that still carry the tone', async () => {
    const mulaw = encodeG711('PCMU', await readWavAsTelephonyPcm(wavFile([tone(600, 1, 16_000)], 16_000)));
    expect(mulaw.length).toBe(8000);
    const heard = decodeG711('PCMU', mulaw);
    expect(zeroCrossingsPerSecond(heard)).toBeGreaterThan(1190);
    expect(zeroCrossingsPerSecond(heard)).toBeLessThan(1210);
    expect(peak(heard)).toBeGreaterThan(7000);
  });

  it('rejects a file that is not a WAV', async () => {
    const path = tempFile('greeting.wav');
    writeFileSync(path, 'not audio');
    await expect(readWavAsTelephonyPcm(path)).rejects.toThrow();
  });
});

describe('WAV recording', () => {
  it('writes one 8 kHz PCM channel per track, padding the shorter one', async () => {
    const path = tempFile('call.wav');
    await writeTelephonyWav(path, [Int16Array.of(1, 2, 3), Int16Array.of(-5)]);
    const wav = readWav(path);
    expect(wav).toMatchObject({ format: 1, rate: 8000 });
    expect(wav.channels.map((c) => [...c])).toEqual([[1, 2, 3], [-5, 0, 0]]);
  });

  it('writes a long call\'s recording without holding up the event loop, which paces the other calls', async () => {
    const minutes = 5;
    const [far, near] = [tone(440, minutes * 60), tone(660, minutes * 60 - 1)];
    const path = tempFile('long-call.wav');
    let longestTurnMs = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestTurnMs = Math.max(longestTurnMs, now - last);
      last = now;
    }, 1);
    const writing = writeTelephonyWav(path, [far, near]);
    // the synchronous part of the call counts too
    longestTurnMs = Math.max(longestTurnMs, performance.now() - last);
    await writing;
    clearInterval(ticker);
    // encoding it in one go takes seconds; a second of audio at a time, well under a 20 ms frame
    expect(longestTurnMs).toBeLessThan(100);
    // its last frames (the near track padded with a second of silence), read back as the header says they lie
    const bytes = readFileSync(path);
    expect(bytes.length).toBe(44 + far.length * 4);
    const frame = (i: number) => [bytes.readInt16LE(44 + i * 4), bytes.readInt16LE(46 + i * 4)];
    expect(frame(near.length - 1)).toEqual([far[near.length - 1], near[near.length - 1]]);
    expect(frame(far.length - 1)).toEqual([far[far.length - 1], 0]);
  });
});
