import { setTimeout as delay } from 'node:timers/promises';
import { FRAME_MS } from '../../main/telephony/media/g711';
import type { AmdResult, AmdSettings } from '../../shared/campaigns/amdSettings';
import type { MediaEndpoint } from '../../main/telephony/media/endpoint';
import { openMediaEndpoint } from '../../main/telephony/media/openMediaEndpoint';
import { callPlan } from '../media/callPlan';
import type { FarEnds } from './farEndProcess';
import { watched } from './measure';

/** Time for the far ends' process to get the schedule before the first call is answered. */
const LEAD_MS = 500;
/**
 * Each endpoint starts this long before its far end's first frame is due (20 ms after the answer): a timer firing
 * late here then loses no audio, and the line is not yet quiet long enough (100 ms) to be heard as silence.
 */
const STARTED_EARLY_MS = 40;
/** How often undecided calls are looked at: a decision's time is known to within this. */
const POLL_MS = 5;

/** Milliseconds on a clock the far ends' process shares. */
const epochNow = () => performance.timeOrigin + performance.now();

export interface LiveDecision {
  result: AmdResult;
  /** How long after its far end sent the frame it was made on the decision was seen. */
  lagMs: number;
}

/**
 * `count` calls at once, each a real RTP media endpoint on 127.0.0.1 (detecting with `amd`, or not at all), whose far
 * ends (another process) send call i clip i for `seconds` in real time. The answers are spread over one frame, as
 * calls answered at random are, so the calls' pacers do not all fire at once. Measured while the audio flows: the
 * pacers' late frames, the event loop's delay, this process's CPU, the packets that never reached a call, and each
 * call's decision.
 */
export async function liveCalls(farEnds: FarEnds, count: number, amd: AmdSettings | null, seconds: number) {
  const endpoints: MediaEndpoint[] = [];
  try {
    for (let i = 0; i < count; i++) endpoints.push(await openMediaEndpoint(callPlan({ callId: `call_${i}`, amd }), { bindAddress: '127.0.0.1' }));
    const firstAnswerAt = epochNow() + LEAD_MS;
    const answerAt = endpoints.map((_, i) => firstAnswerAt + (i * FRAME_MS) / count);
    const streamed = farEnds.stream(
      endpoints.map((endpoint, i) => ({ clip: i, port: endpoint.port, answerAt: answerAt[i] })),
      seconds,
    );
    const started = Promise.all(
      endpoints.map(async (endpoint, i) => {
        await delay(answerAt[i] - STARTED_EARLY_MS - epochNow());
        await endpoint.start({ address: '127.0.0.1', port: farEnds.port, codec: 'PCMU' });
      }),
    );
    // awaited below; a failure before then must not go unhandled
    for (const work of [streamed, started]) work.catch(() => {});
    await delay(firstAnswerAt - STARTED_EARLY_MS - epochNow());
    const seen = amd ? watchDecisions(endpoints) : null;
    const { result: farEnd, ...underTest } = await watched(async () => {
      await started;
      return streamed;
    });
    seen?.stop();
    const sum = (stat: 'framesLate' | 'packetsReceived') => endpoints.reduce((total, e) => total + e.stats[stat], 0);
    // the frame that ends at the decision's ms of received audio
    const decisions = (seen?.decided ?? []).map((d, i): LiveDecision | null => d && { result: d.result, lagMs: d.at - farEnd.sentAt[i][d.result.ms / FRAME_MS - 1] });
    return {
      ...underTest,
      cpuMsPerCallSecond: underTest.cpuMs / (count * seconds),
      lateFrames: sum('framesLate'),
      packetsLost: (count * seconds * 1000) / FRAME_MS - sum('packetsReceived'),
      farEndLateFrames: farEnd.lateFrames,
      /** By call (empty without detection): null for a call never decided. */
      decisions,
    };
  } finally {
    await Promise.all(endpoints.map((endpoint) => endpoint.close()));
  }
}

/** Looks at the undecided calls every POLL_MS: when each was seen decided (epoch ms), and what it found. */
function watchDecisions(endpoints: MediaEndpoint[]) {
  const decided: ({ at: number; result: AmdResult } | null)[] = endpoints.map(() => null);
  let undecided = endpoints.map((_, i) => i);
  const timer = setInterval(() => {
    const now = epochNow();
    undecided = undecided.filter((i) => {
      const result = endpoints[i].report.amd;
      if (result) decided[i] = { at: now, result };
      return !result;
    });
    if (!undecided.length) clearInterval(timer);
  }, POLL_MS);
  return { decided, stop: () => clearInterval(timer) };
}
