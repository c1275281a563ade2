import { realClock } from '../../main/platform/clock';
import type { MediaEndpoint } from '../../main/telephony/media/endpoint';
import { encodeG711 } from '../../main/telephony/media/g711';
import { openMediaEndpoint } from '../../main/telephony/media/openMediaEndpoint';
import { SipProvider } from '../../main/telephony/sip/provider';
import { callConversation, callRequest } from '../dialer/providerContract';
import { type AgentCall, AgentFixture } from '../media/agentFixture';
import { tone } from '../media/audio';
import { FROM, trunkFor, waitFor } from '../sip/harness';
import { startSippUas } from '../sip/sipp';
import { tempFile } from '../support/tempFiles';

/** 8 kHz μ-law: bytes in a second of the agent's speech. */
const BYTES_PER_SECOND = 8000;
/** How far ahead of the playout an agent keeps its speech, as a streaming voice does: never so far that it comes all at once. */
const SPEECH_LEAD_SECONDS = 2;

/**
 * An agent talking for as long as `mulaw` lasts the way a streaming voice does: a second of speech each second, a
 * little ahead of the call's playout. Sent all at once, the call's whole speech (15,000 messages) would be parsed by
 * this process in one go, and the agent fixture runs here: a stall of its own making, not the calls' pacing.
 */
function talk(call: AgentCall, mulaw: Uint8Array): { stop(): void } {
  let sent = 0;
  const speakUpTo = (seconds: number) => {
    const end = Math.min(mulaw.length, seconds * BYTES_PER_SECOND);
    if (end > sent) call.speak(mulaw.subarray(sent, end));
    sent = end;
    if (sent === mulaw.length) clearInterval(timer);
  };
  let second = SPEECH_LEAD_SECONDS;
  const timer = setInterval(() => speakUpTo(++second), 1000);
  speakUpTo(second);
  return { stop: () => clearInterval(timer) };
}

/**
 * Real time: `count` SIP calls at once to a SIPp UAS that echoes their RTP, each bridged to a voice agent that talks
 * for `seconds` (WebSocket, μ-law JSON) and recorded. Resolves once every call is answered and its agent talks.
 */
export async function startBridgedCalls(count: number, seconds: number) {
  const sipp = await startSippUas('answer_we_hang_up.xml', { calls: count, rtpEcho: true, timeoutSeconds: seconds + 120 });
  const agent = await AgentFixture.start();
  const endpoints: MediaEndpoint[] = [];
  const provider = new SipProvider({
    clock: realClock(),
    // the test trunk's 30 s limit would end the calls in the middle of a measurement
    resolveTrunk: () => trunkFor(sipp, { maxCallSeconds: seconds }),
    openMedia: async (plan, options) => {
      const endpoint = await openMediaEndpoint(plan, options);
      endpoints.push(endpoint);
      return endpoint;
    },
    audioPlan: (r) => ({ callId: r.callId, from: r.from, to: r.to, agentUrl: agent.url, greetingWav: null, voicemailWav: null, recordingPath: tempFile('call.wav') }),
  });
  const voice = encodeG711('PCMU', tone(440, seconds + 1));
  const requests = Array.from({ length: count }, () => ({ ...callRequest('+12125550001', FROM), conversation: callConversation({ engine: 'media-streams' }) }));
  for (const request of requests) await provider.placeCall(request);
  const talking: { stop(): void }[] = [];
  for (let i = 0; i < count; i++) {
    const call = await agent.call(i);
    await call.next((m) => m.event === 'start');
    talking.push(talk(call, voice));
  }
  const total = (stat: 'packetsSent' | 'packetsReceived' | 'framesLate') => endpoints.reduce((sum, e) => sum + e.stats[stat], 0);
  return {
    total,
    /** Audio frames each agent has heard so far. */
    heard: () => agent.calls.map((c) => c.heard().length),
    /** Hangs every call up and stops the peers; resolves with SIPp's exit code (0: every call passed its scenario). */
    async hangUp(): Promise<number | 'signal'> {
      for (const speech of talking) speech.stop();
      for (const request of requests) await provider.hangup(request.callId);
      await waitFor(() => endpoints.every((e) => e.stats.packetsSent > 0), 1000, 'media');
      await provider.close();
      const { code } = await sipp.exit;
      await agent.close();
      return code ?? 'signal';
    },
  };
}
