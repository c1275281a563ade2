import { realClock } from '../../main/dialer/clock';
import type { MediaEndpoint } from '../../main/dialer/telephony/media/endpoint';
import { encodeG711 } from '../../main/dialer/telephony/media/g711';
import { openMediaEndpoint } from '../../main/dialer/telephony/media/openMediaEndpoint';
import { SipProvider } from '../../main/dialer/telephony/sip/provider';
import { callRequest } from '../dialer/providerContract';
import { AgentFixture } from '../media/agentFixture';
import { tone } from '../media/audio';
import { FROM, trunkFor, waitFor } from '../sip/harness';
import { startSippUas } from '../sip/sipp';
import { tempFile } from '../support/tempFiles';
import { report } from './measure';

const CALLS = 10;
const SECONDS = 5;

/**
 * Real time: 10 SIP calls at once to a SIPp UAS that echoes their RTP, each bridged to a voice agent
 * that talks all along (WebSocket, μ-law JSON) and recorded. CPU is this whole process (SIP stack,
 * media, agent server) over wall time.
 */
export async function benchSipLoad(): Promise<void> {
  const sipp = await startSippUas('answer_we_hang_up.xml', { calls: CALLS, rtpEcho: true, timeoutSeconds: 120 });
  const agent = await AgentFixture.start();
  const endpoints: MediaEndpoint[] = [];
  const provider = new SipProvider({
    clock: realClock(),
    resolveTrunk: () => trunkFor(sipp),
    openMedia: async (plan, options) => {
      const endpoint = await openMediaEndpoint(plan, options);
      endpoints.push(endpoint);
      return endpoint;
    },
    audioPlan: (r) => ({ callId: r.callId, from: r.from, to: r.to, agentUrl: agent.url, greetingWav: null, voicemailWav: null, recordingPath: tempFile('call.wav') }),
  });
  const voice = encodeG711('PCMU', tone(440, SECONDS + 1));
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const requests = Array.from({ length: CALLS }, () => callRequest('+12125550001', FROM));
  for (const request of requests) await provider.placeCall(request);
  for (let i = 0; i < CALLS; i++) {
    const call = await agent.call(i);
    await call.next((m) => m.event === 'start');
    call.speak(voice);
  }
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  const heard = agent.calls.map((c) => c.heard().length);
  for (const request of requests) await provider.hangup(request.callId);
  await waitFor(() => endpoints.every((e) => e.stats.packetsSent > 0), 1000, 'media');
  await provider.close();
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - wallBefore;
  const { code } = await sipp.exit;
  await agent.close();
  report(`sip calls with audio (${CALLS} at once, SIPp echo, agent bridged)`, {
    seconds: wallMs / 1000,
    cpuPercent: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
    packetsSent: endpoints.reduce((sum, e) => sum + e.stats.packetsSent, 0),
    packetsReceived: endpoints.reduce((sum, e) => sum + e.stats.packetsReceived, 0),
    agentFramesHeardMin: Math.min(...heard),
    sippExit: code ?? 'signal',
    goal: 'CPU well under one core',
  });
}
