import { realClock } from '../../main/platform/clock';
import { openMediaEndpoint } from '../../main/telephony/media/openMediaEndpoint';
import { SipProvider } from '../../main/telephony/sip/provider';
import { callRequest } from '../dialer/providerContract';
import { FROM, trunkFor } from '../sip/harness';
import { startSippUas } from '../sip/sipp';
import { percentile, report, timeMs } from './measure';

const CALLS = 200;

/** Real time on loopback: placeCall → 200 OK handled (answered reported), media endpoint and ACK included. */
export async function benchSipSetup(): Promise<void> {
  const sipp = await startSippUas('answer_we_hang_up.xml', { calls: CALLS, timeoutSeconds: 120 });
  const provider = new SipProvider({ clock: realClock(), resolveTrunk: () => trunkFor(sipp), openMedia: openMediaEndpoint });
  const samples: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const request = callRequest('+12125550001', FROM);
    const answered = new Promise<void>((resolve, reject) => {
      const off = provider.onEvent((e) => {
        if (e.callId !== request.callId) return;
        if (e.type === 'answered') resolve();
        if (e.type === 'ended') reject(new Error(`call ${i} ended ${e.outcome} before the answer: ${e.error}`));
        if (e.type === 'answered' || e.type === 'ended') off();
      });
    });
    samples.push(await timeMs(() => provider.placeCall(request).then(() => answered)));
    await provider.hangup(request.callId);
  }
  await provider.close();
  const { code } = await sipp.exit;
  report('sip call setup to 200 OK (loopback, SIPp UAS)', { calls: samples.length, p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95), sippExit: code ?? 'signal' });
}
