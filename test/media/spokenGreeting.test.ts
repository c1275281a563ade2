import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { goertzelCoefficient, goertzelPower } from '../../main/telephony/media/amd/goertzel';
import type { CallReport } from '../../main/telephony/media/endpoint';
import { decodeG711 } from '../../main/telephony/media/g711';
import { openMediaEndpoint } from '../../main/telephony/media/openMediaEndpoint';
import { PendingSpeech } from '../../main/telephony/media/pendingSpeech';
import { KEY_REJECTED } from '../../main/voice/realtime/realtimeSocket';
import { createGreetingSpeech, SPEECH_PCM_RATE } from '../../main/voice/speech/greetingSpeech';
import { FAKE_SPEECH_KEY, startFakeSpeech, type FakeSpeech } from '../support/fakeSpeech';
import { removeTempFiles } from '../support/tempFiles';
import { tone } from './audio';
import { callPlan, mediaReport } from './callPlan';
import { RtpPeer } from './rtpPeer';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(removeTempFiles);

async function fakeSpeech(speech: Int16Array): Promise<FakeSpeech> {
  const fake = await startFakeSpeech(speech);
  cleanups.push(() => fake.close());
  return fake;
}

/** An audio-engine call whose greeting text is spoken by the fake with `apiKey`, answered once the request has come. */
async function spokenCall(fake: FakeSpeech, apiKey: string) {
  const speech = createGreetingSpeech(() => ({ apiKey, baseUrl: fake.baseUrl }));
  const plan = callPlan({ spokenGreeting: (signal) => speech.speak('Hi Dana, this is Ava.', 'marin', signal) });
  const endpoint = await openMediaEndpoint(plan, { bindAddress: '127.0.0.1' });
  const peer = await RtpPeer.open();
  cleanups.push(() => endpoint.close(), () => peer.close());
  const hangups: CallReport[] = [];
  endpoint.onHangupRequest((report) => hangups.push(report));
  // asked for while the call is still ringing: nothing has started the endpoint yet
  await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
  await endpoint.start({ address: '127.0.0.1', port: peer.port, codec: 'PCMU' });
  return { peer, hangups };
}

/** What the far end heard, as PCM, from the first frame that is not silence on. */
function heard(peer: RtpPeer): Int16Array {
  const first = peer.received.findIndex((r) => r.packet.payload.some((b) => b !== 0xff));
  return first === -1 ? new Int16Array(0) : decodeG711('PCMU', Buffer.concat(peer.received.slice(first).map((r) => r.packet.payload)));
}

describe('the audio engine speaking its greeting text', () => {
  it('plays the speech resampled to 8 kHz μ-law once answered, then asks to hang up', async () => {
    const fake = await fakeSpeech(tone(440, 0.6, SPEECH_PCM_RATE));
    const { peer, hangups } = await spokenCall(fake, FAKE_SPEECH_KEY);
    await vi.waitFor(() => expect(hangups).toHaveLength(1), { timeout: 5000 });
    expect(hangups[0]).toEqual(mediaReport());
    const pcm = heard(peer).subarray(0, 4000);
    // 0.5 s of the tone came through: its energy is at 440 Hz, none of it a semitone away
    expect(pcm).toHaveLength(4000);
    const at = (hz: number) => goertzelPower(pcm, goertzelCoefficient(hz, 8000));
    expect(at(440)).toBeGreaterThan(100 * at(466));
    expect(at(440)).toBeGreaterThan(100 * at(415));
  });

  it('a key the engine refuses: nothing is played and the call fails, saying so', async () => {
    const fake = await fakeSpeech(tone(440, 0.6, SPEECH_PCM_RATE));
    const { peer, hangups } = await spokenCall(fake, 'sk-not-the-key-0123456789');
    await vi.waitFor(() => expect(hangups).toHaveLength(1), { timeout: 5000 });
    expect(hangups[0]).toEqual(mediaReport({ failure: KEY_REJECTED }));
    expect(heard(peer)).toHaveLength(0);
  });

  it('speech not there within the wait after the answer is a failure, and its request is dropped', async () => {
    let signal: AbortSignal | undefined;
    const pending = new PendingSpeech((given) => {
      signal = given;
      return new Promise(() => {});
    });
    expect(await pending.ready(50)).toEqual({ failure: "the greeting's speech was not ready within 0.05 s of the answer" });
    expect(signal!.aborted).toBe(true);
  });
});
