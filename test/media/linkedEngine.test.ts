import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { realClock } from '../../main/platform/clock';
import { startWorkerProgram } from '../../main/platform/workerProgram';
import type { MediaEndpoint } from '../../main/telephony/media/endpoint';
import { openMediaEndpoint } from '../../main/telephony/media/openMediaEndpoint';
import { toProcessTime } from '../../main/telephony/media/threadTime';
import { createRealtimeEngine } from '../../main/voice/realtime/realtimeSession';
import { FAKE_API_KEY } from '../support/fakeRealtime';
import { callPlan, TEST_CONTEXT } from './callPlan';
import type { FarEndReply, FarEndRequest } from './linkedFarEnds';

const BUSY_MS = 600;

let farEnds: Worker;
let endpoint: MediaEndpoint;

/** The far ends' next reply of this kind. */
async function reply<K extends FarEndReply['kind']>(kind: K): Promise<Extract<FarEndReply, { kind: K }>> {
  for (;;) {
    const [message] = (await once(farEnds, 'message')) as [FarEndReply];
    if (message.kind === kind) return message as Extract<FarEndReply, { kind: K }>;
  }
}
const ask = (request: FarEndRequest) => farEnds.postMessage(request);

beforeAll(async () => {
  farEnds = startWorkerProgram('linkedFarEnds', import.meta.url);
  const { baseUrl, phonePort } = await reply('ready');
  const engine = createRealtimeEngine(() => ({ apiKey: FAKE_API_KEY, baseUrl }), realClock());
  const conversation = { engine, context: TEST_CONTEXT, voicemailMessage: null, transferNumber: null, clock: realClock() };
  endpoint = await openMediaEndpoint(callPlan({ conversation }), { bindAddress: '127.0.0.1' });
  await endpoint.start({ address: '127.0.0.1', port: phonePort, codec: 'PCMU' });
  ask({ kind: 'converse', endpointPort: endpoint.port });
  await reply('conversing');
});
afterAll(async () => {
  await endpoint?.close();
  await farEnds?.terminate();
});

it("carries the call's audio to and from the realtime engine while the main thread is held up: the engine's socket is beside the RTP", async () => {
  ask({ kind: 'say' });
  // this thread never yields from here: a socket on it could neither append the callee's audio nor queue the agent's
  const started = performance.now();
  while (performance.now() < started + BUSY_MS);
  const [busyFrom, busyTo] = [toProcessTime(started), toProcessTime(performance.now())];
  ask({ kind: 'report' });
  const { appendedAt, spokenRtpAt } = await reply('report');
  const within = (times: number[]) => times.filter((at) => at > busyFrom && at < busyTo).length;
  // 30 frames are due each way in 600 ms; the agent starts once the far ends have heard "say"
  expect(within(appendedAt)).toBeGreaterThanOrEqual(10);
  expect(within(spokenRtpAt)).toBeGreaterThanOrEqual(10);
});
