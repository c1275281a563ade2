import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { recordingFileOf } from '../../main/calls/recordings';
import { openCore, type Core } from '../../main/core';
import type { MediaEndpoint } from '../../main/telephony/media/endpoint';
import { openMediaEndpoint } from '../../main/telephony/media/openMediaEndpoint';
import { silentLogger } from '../../main/platform/log';
import { SPEECH_MODEL, SPEECH_PCM_RATE } from '../../main/voice/speech/greetingSpeech';
import { readWav, tone, wavFile, zeroCrossingsPerSecond } from '../media/audio';
import { FAKE_SPEECH_KEY, startFakeSpeech, type FakeSpeech } from '../support/fakeSpeech';
import { inMemoryApi } from '../support/inMemoryTransport';
import { tempDbFile } from '../support/tempDb';
import { removeTempFiles, tempFile } from '../support/tempFiles';
import { placeCall, sipProvider, trunkFor, waitFor } from './harness';
import { campaignOverSip, campaignReaches } from './sipCampaignSetup';
import { startSippUas, type SippUas } from './sipp';

let core: Core | undefined;
let sipp: SippUas | undefined;
let speech: FakeSpeech | undefined;
afterEach(async () => {
  await core?.close();
  await sipp?.stop();
  await speech?.close();
  core = sipp = speech = undefined;
  removeTempFiles();
});

/** Between 0.1 and 0.4 s of `samples`, a 440 Hz tone: 880 sign changes a second. */
function expectTone440(samples: Int16Array): void {
  expect(zeroCrossingsPerSecond(samples.subarray(800, 3200))).toBeGreaterThan(840);
  expect(zeroCrossingsPerSecond(samples.subarray(800, 3200))).toBeLessThan(920);
}

it('real RTP through SIPp -rtp_echo: the greeting we send comes back, recorded as the far end', async () => {
  const sipp = await startSippUas('answer_we_hang_up.xml', { calls: 1, rtpEcho: true });
  const endpoints: MediaEndpoint[] = [];
  const greetingWav = wavFile([tone(440, 1.5)]);
  const recordingPath = tempFile('call.wav');
  const { provider, events } = sipProvider(trunkFor(sipp), {
    openMedia: async (plan, options) => {
      const endpoint = await openMediaEndpoint(plan, options);
      endpoints.push(endpoint);
      return endpoint;
    },
    audioPlan: (r) => ({ callId: r.callId, from: r.from, to: r.to, agentUrl: null, greetingWav, voicemailWav: null, recordingPath }),
  });
  try {
    const request = await placeCall(provider);
    await waitFor(() => events.types(request.callId).includes('answered'));
    // half a second of 20 ms frames echoed back
    await waitFor(() => endpoints[0].stats.packetsReceived >= 25, 5000, 'echoed RTP');
    await provider.hangup(request.callId);
    const { code, output } = await sipp.exit;
    expect(code, output).toBe(0);
    await endpoints[0].close();
    expect(endpoints[0].stats.packetsSent).toBeGreaterThanOrEqual(25);
    const [farEnd] = readWav(recordingPath).channels;
    // 0.1–0.4 s into the call the far end (SIPp's echo) carries our 440 Hz tone
    expectTone440(farEnd);
  } finally {
    await provider.close();
    await sipp.stop();
  }
});

it("an audio assistant without greeting audio speaks its greeting text, rendered for the contact, to SIPp", async () => {
  sipp = await startSippUas('answer_we_hang_up.xml', { calls: 1, rtpEcho: true });
  speech = await startFakeSpeech(tone(440, 1, SPEECH_PCM_RATE));
  core = await openCore({ dbFile: tempDbFile(), log: silentLogger, sipAddress: '127.0.0.1' });
  core.services.voiceSettings.update({ openaiApiKey: FAKE_SPEECH_KEY, openaiBaseUrl: speech.baseUrl });
  const api = inMemoryApi(core);
  const { campaign } = await campaignOverSip(api, sipp, {
    assistant: { engine: 'audio', greeting: 'Hi {{firstName}}, this is {{assistant}}.', realtimeVoice: 'coral', recordCalls: true },
    contacts: [{ firstName: 'Dana', phone: '+12125550001' }],
  });
  await api.invoke('campaigns.run', { id: campaign.id, action: 'start' });
  await campaignReaches(core, campaign.id, 'completed');

  expect(speech.requests.map((r) => r.body)).toEqual([{ model: SPEECH_MODEL, voice: 'coral', input: 'Hi Dana, this is Agent.', response_format: 'pcm' }]);
  const [call] = (await api.invoke('calls.list', { campaignId: campaign.id, limit: 10, offset: 0 })).items;
  // the call ends once the second of speech has played
  expect(call).toMatchObject({ outcome: 'answered' });
  expect(call.durationSeconds).toBeGreaterThan(0.9);
  const recording = recordingFileOf(join(dirname(core.services.store.file), 'recordings'), call.id);
  await waitFor(() => existsSync(recording), 5000, 'the recording');
  const [farEnd, sent] = readWav(recording).channels;
  // what we sent is the speech; SIPp echoes it back
  expectTone440(sent.subarray(sent.findIndex((sample) => sample !== 0)));
  expectTone440(farEnd.subarray(farEnd.findIndex((sample) => sample !== 0)));
});
