import { describeProviderContract } from '../dialer/providerContract';
import { FROM, sipProvider, trunkFor } from './harness';
import { startSippUas } from './sipp';

const ANSWERS = '+12125550001';
const NEVER_ANSWERS = '+12125550002';
const BUSY = '+12125550003';
const DECLINES = '+12125550004';
const UNKNOWN = '+12125550005';

describeProviderContract('SipProvider against a SIPp far end', async () => {
  const sipp = await startSippUas('contract.xml', { timeoutSeconds: 120 });
  const trunk = trunkFor(sipp, { ringTimeoutSeconds: 1 });
  // looked up asynchronously, as the trunk store does
  const { provider } = sipProvider(null, { resolveTrunk: async () => trunk });
  return {
    provider,
    advance: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    maxCallMs: 2000,
    stepMs: 50,
    from: FROM,
    numbers: { answers: ANSWERS, neverAnswers: NEVER_ANSWERS, any: [ANSWERS, NEVER_ANSWERS, BUSY, DECLINES, UNKNOWN] },
    async dispose() {
      await provider.close();
      await sipp.stop();
    },
  };
});
