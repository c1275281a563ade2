import { startBridgedCalls } from './bridgedCalls';
import { report } from './measure';

const CALLS = 10;
const SECONDS = 5;

/**
 * Real time: 10 SIP calls at once to a SIPp UAS that echoes their RTP, each bridged to a voice agent
 * that talks all along (WebSocket, μ-law JSON) and recorded. CPU is this whole process (SIP stack,
 * media, agent server) over wall time.
 */
export async function benchSipLoad(): Promise<void> {
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const calls = await startBridgedCalls(CALLS, SECONDS);
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  const heard = calls.heard();
  const sippExit = await calls.hangUp();
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - wallBefore;
  report(`sip calls with audio (${CALLS} at once, SIPp echo, agent bridged)`, {
    seconds: wallMs / 1000,
    cpuPercent: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
    packetsSent: calls.total('packetsSent'),
    packetsReceived: calls.total('packetsReceived'),
    agentFramesHeardMin: Math.min(...heard),
    sippExit,
    goal: 'CPU well under one core',
  });
}
