import { afterEach, expect, it } from 'vitest';
import type { MediaEndpoint } from '../../main/dialer/telephony/media/endpoint';
import { openMediaEndpoint } from '../../main/dialer/telephony/media/openMediaEndpoint';
import { readWav, tone, wavFile, zeroCrossingsPerSecond } from '../media/audio';
import { removeTempFiles, tempFile } from '../support/tempFiles';
import { placeCall, sipProvider, trunkFor, waitFor } from './harness';
import { startSippUas } from './sipp';

afterEach(() => removeTempFiles());

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
    // 0.1–0.4 s into the call the far end (SIPp's echo) carries our 440 Hz tone: 880 sign changes a second
    expect(zeroCrossingsPerSecond(farEnd.subarray(800, 3200))).toBeGreaterThan(840);
    expect(zeroCrossingsPerSecond(farEnd.subarray(800, 3200))).toBeLessThan(920);
  } finally {
    await provider.close();
    await sipp.stop();
  }
});
