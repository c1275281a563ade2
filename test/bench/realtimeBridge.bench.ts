import { join } from 'node:path';
import { FRAME_MS } from '../../main/telephony/media/g711';
import { setTimeout as delay } from 'node:timers/promises';
import { realClock } from '../../main/platform/clock';
import type { MediaEndpoint } from '../../main/telephony/media/endpoint';
import { openMediaEndpoint } from '../../main/telephony/media/openMediaEndpoint';
import { createRealtimeEngine } from '../../main/voice/realtime/realtimeSession';
import { callPlan, TEST_CONTEXT } from '../media/callPlan';
import { FAKE_API_KEY } from '../support/fakeRealtime';
import { forkBenchChild } from './benchChild';
import { percentile, report, watched } from './measure';
import type { PacerFloorReply, PacerFloorRequest } from './pacerFloor';
import type { BridgeCall, BridgeFarEndReply, BridgeFarEndRequest } from './realtimeBridgeFarEnd';
import { openFloorRelay } from './realtimeBridgeFloor';

/** Calls at once, and how long each run streams: 10k frames or more each way at either load. */
const RUNS = [
  { calls: 10, seconds: 20 },
  { calls: 100, seconds: 5 },
];
const ADDED_P99_GOAL_MS = 5;

type FarEnds = ReturnType<typeof forkBenchChild<BridgeFarEndRequest, BridgeFarEndReply>>;

/** A call's side in one run: its RTP port, what its far ends know it by, and how to end it. */
interface Leg {
  port: number;
  close(): Promise<void>;
}

/**
 * Opens `count` legs one after another, spread over one frame's time (as calls answered at random are, so their
 * send timers do not all fire at once), lets the far ends stream through them for `seconds`, and closes them.
 */
async function runThrough(farEnds: FarEnds, count: number, seconds: number, openLeg: (model: string) => Promise<Leg>, prefix: string) {
  const legs: (Leg & { model: string })[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const model = `${prefix}-${count}-${i}`;
      legs.push({ ...(await openLeg(model)), model });
      await delay(FRAME_MS / count);
    }
    const calls: BridgeCall[] = legs.map(({ model, port }) => ({ model, port }));
    return await watched(async () => {
      farEnds.send({ type: 'run', calls, seconds });
      return farEnds.next('ran', seconds * 1000 + 30_000);
    });
  } finally {
    await Promise.all(legs.map((leg) => leg.close()));
  }
}

const p = (samples: number[], at: number) => percentile(samples, at);

/**
 * The realtime bridge's own latency: RTP in → append on the engine's socket, and engine audio delta → RTP out, at 10
 * and 100 calls at once, each against the floor measured in the same run (the same sockets with nothing but the
 * protocol between them: openFloorRelay). The far ends (phones and engine) run in a process of their own and time
 * every frame on one clock; this process's CPU, event-loop delay and pacer slip are measured while the audio flows.
 * Pacer slip has a floor of its own, measured beside the bridge in the same run: bare pacers in a third process
 * (pacerFloor.ts), whose late frames are wake-ups the machine gave late.
 */
export async function benchRealtimeBridge(): Promise<void> {
  const farEnds = forkBenchChild<BridgeFarEndRequest, BridgeFarEndReply>(join(import.meta.dirname, 'realtimeBridgeFarEnd.ts'));
  const pacerFloor = forkBenchChild<PacerFloorRequest, PacerFloorReply>(join(import.meta.dirname, 'pacerFloor.ts'));
  try {
    await pacerFloor.next('ready', 30_000);
    const { port: phonePort, baseUrl } = await farEnds.next('ready', 30_000);
    const phone = { address: '127.0.0.1', port: phonePort };
    const engine = createRealtimeEngine(() => ({ apiKey: FAKE_API_KEY, baseUrl }), realClock());
    for (const { calls, seconds } of RUNS) {
      const floor = await runThrough(farEnds, calls, seconds, (model) => openFloorRelay(baseUrl, model, phone), 'floor');
      const endpoints: MediaEndpoint[] = [];
      pacerFloor.send({ type: 'run', pacers: calls, seconds });
      const machineSlip = pacerFloor.next('ran', seconds * 1000 + 30_000);
      const bridge = await runThrough(
        farEnds,
        calls,
        seconds,
        async (model) => {
          const conversation = { engine, context: { ...TEST_CONTEXT, model }, voicemailMessage: null, transferNumber: null, clock: realClock() };
          const endpoint = await openMediaEndpoint(callPlan({ callId: model, conversation }), { bindAddress: '127.0.0.1' });
          endpoints.push(endpoint);
          await endpoint.start({ ...phone, codec: 'PCMU' });
          return { port: endpoint.port, close: () => endpoint.close() };
        },
        'bridge',
      );
      const { lateFrames: floorLateFrames, frames: floorFrames } = await machineSlip;
      const sent = endpoints.reduce((sum, e) => sum + e.stats.packetsSent, 0);
      const late = endpoints.reduce((sum, e) => sum + e.stats.framesLate, 0);
      const added = (way: 'inMs' | 'outMs') => p(bridge.result[way], 99) - p(floor.result[way], 99);
      report(`realtime-bridge ${calls} calls`, {
        inP50: p(bridge.result.inMs, 50),
        inP99: p(bridge.result.inMs, 99),
        inFloorP99: p(floor.result.inMs, 99),
        inAddedP99: added('inMs'),
        outP50: p(bridge.result.outMs, 50),
        outP99: p(bridge.result.outMs, 99),
        outFloorP99: p(floor.result.outMs, 99),
        outAddedP99: added('outMs'),
        framesIn: bridge.result.inMs.length,
        framesOut: bridge.result.outMs.length,
        lost: `${bridge.result.inLost}/${bridge.result.outLost}`,
        rtpSent: sent,
        lateFrames: late,
        // a frame the bare pacers also missed is the machine's lateness, not the bridge's
        pacerFloorLateFrames: `${floorLateFrames}/${floorFrames}`,
        farEndLateSends: bridge.result.lateSends + floor.result.lateSends,
        cpuMsPerCallSecond: bridge.cpuMs / (calls * seconds),
        floorCpuMsPerCallSecond: floor.cpuMs / (calls * seconds),
        loopDelayP99Ms: bridge.loopDelayP99Ms,
        loopDelayMaxMs: bridge.loopDelayMaxMs,
        goal: `added p99 <= ${ADDED_P99_GOAL_MS} ms, lateFrames 0`,
      });
    }
  } finally {
    await Promise.all([farEnds.close(), pacerFloor.close()]);
  }
}
