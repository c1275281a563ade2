import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { goertzelCoefficient, goertzelPower } from '../../main/telephony/media/amd/goertzel';
import { KEY_REJECTED, NO_API_KEY } from '../../main/voice/realtime/realtimeSocket';
import { createGreetingSpeech, SPEECH_MODEL, SPEECH_PCM_RATE } from '../../main/voice/speech/greetingSpeech';
import { tone } from '../media/audio';
import { FAKE_SPEECH_KEY, startFakeSpeech, type FakeSpeech } from '../support/fakeSpeech';

let fake: FakeSpeech | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const speak = (baseUrl: string, apiKey: string | undefined, text = 'Hi Dana, this is Ava from Acme.') =>
  createGreetingSpeech(() => ({ apiKey, baseUrl })).speak(text, 'coral', new AbortController().signal);

/** The power at `hz` of 8 kHz audio, against a whole-block tone of the test's amplitude there (1: all of it came through). */
function powerAt(pcm: Int16Array, hz: number, amplitude = 8000): number {
  // a sine filling one DFT bin has |X|² = (N·A/2)²
  return goertzelPower(pcm, goertzelCoefficient(hz, 8000)) / ((pcm.length * amplitude) / 2) ** 2;
}

describe('the greeting spoken by OpenAI text to speech', () => {
  it('asks /audio/speech for the text in the voice, as 24 kHz PCM, and gives it back at 8 kHz', async () => {
    fake = await startFakeSpeech(tone(440, 1, SPEECH_PCM_RATE));
    const pcm = await speak(fake.baseUrl, FAKE_SPEECH_KEY);
    expect(fake.requests).toEqual([
      {
        path: '/v1/audio/speech',
        authorization: `Bearer ${FAKE_SPEECH_KEY}`,
        body: { model: SPEECH_MODEL, voice: 'coral', input: 'Hi Dana, this is Ava from Acme.', response_format: 'pcm' },
      },
    ]);
    // one second, a third of the samples, still the tone
    expect(pcm.length).toBe(8000);
    expect(powerAt(pcm.subarray(400, 7600), 440)).toBeGreaterThan(0.9);
  });

  it('low-passes before it decimates: a tone above 4 kHz does not alias into the call', async () => {
    // 6 kHz at 24 kHz would fold onto 2 kHz if the samples were only picked
    fake = await startFakeSpeech(tone(6000, 1, SPEECH_PCM_RATE));
    const pcm = await speak(fake.baseUrl, FAKE_SPEECH_KEY);
    expect(powerAt(pcm.subarray(400, 7600), 2000)).toBeLessThan(0.001);
  });

  it('says why there is no speech: no key, a key refused, an engine that cannot be reached', async () => {
    fake = await startFakeSpeech(tone(440, 0.2, SPEECH_PCM_RATE));
    await expect(speak(fake.baseUrl, undefined)).rejects.toThrow(NO_API_KEY);
    await expect(speak(fake.baseUrl, 'sk-not-the-key-0123456789')).rejects.toThrow(KEY_REJECTED);
    // a port that was just free: nothing listens there
    const free = createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const { port } = free.address() as AddressInfo;
    await new Promise((resolve) => free.close(resolve));
    await expect(speak(`http://127.0.0.1:${port}/v1`, FAKE_SPEECH_KEY)).rejects.toThrow(/^the voice engine could not be reached: /);
  });
});
