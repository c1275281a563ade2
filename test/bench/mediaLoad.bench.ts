import type { MediaEndpoint } from '../../main/dialer/telephony/media/endpoint';
import { encodeG711 } from '../../main/dialer/telephony/media/g711';
import { openMediaEndpoint } from '../../main/dialer/telephony/media/openMediaEndpoint';
import { AgentFixture } from '../media/agentFixture';
import { tone } from '../media/audio';
import { RtpPeer } from '../media/rtpPeer';
import { tempFile } from '../support/tempFiles';
import { percentile, report } from './measure';

const CALLS = 10;
const SECONDS = 5;

/**
 * Real time: 10 answered calls at once, each bridged to a voice agent that talks all along (WebSocket,
 * μ-law JSON) and recorded, while a local RTP peer talks back every 20 ms. CPU is this whole process
 * (endpoints, agent server and peers) over wall time.
 */
export async function benchMediaLoad(): Promise<void> {
  const agent = await AgentFixture.start();
  const voice = encodeG711('PCMU', tone(440, SECONDS + 1));
  const calls: { endpoint: MediaEndpoint; peer: RtpPeer }[] = [];
  for (let i = 0; i < CALLS; i++) {
    const plan = { callId: `bench_${i}`, from: '+15550001', to: '+15550002', agentUrl: agent.url, greetingWav: null, voicemailWav: null, recordingPath: tempFile('call.wav') };
    calls.push({ endpoint: await openMediaEndpoint(plan, { bindAddress: '127.0.0.1' }), peer: await RtpPeer.open() });
  }
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  for (const [i, { endpoint, peer }] of calls.entries()) {
    await endpoint.start({ address: '127.0.0.1', port: peer.port, codec: i % 2 ? 'PCMA' : 'PCMU' });
    const call = await agent.call(i);
    await call.next((m) => m.event === 'start');
    call.speak(voice);
  }
  const farEndSays = encodeG711('PCMA', tone(300, 0.02));
  const talking = setInterval(() => {
    for (const [i, { endpoint, peer }] of calls.entries()) peer.send(endpoint, i % 2 ? 8 : 0, farEndSays);
  }, 20);
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  clearInterval(talking);
  const gaps = calls.flatMap(({ peer }) => peer.arrivals.slice(1).map((at, i) => at - peer.arrivals[i]));
  const stats = calls.map(({ endpoint }) => endpoint.stats);
  await Promise.all(calls.map(({ endpoint }) => endpoint.close()));
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - wallBefore;
  await Promise.all(calls.map(({ peer }) => peer.close()));
  await agent.close();
  report(`media load (${CALLS} calls, real time)`, {
    seconds: wallMs / 1000,
    cpuPercent: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
    packetsSent: stats.reduce((sum, s) => sum + s.packetsSent, 0),
    packetsReceived: stats.reduce((sum, s) => sum + s.packetsReceived, 0),
    gapP50Ms: percentile(gaps, 50),
    gapP99Ms: percentile(gaps, 99),
    goal: 'gaps ~20 ms, CPU well under one core',
  });
}
