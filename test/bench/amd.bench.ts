import { loadCorpus } from '../amd/corpus';
import { receivedFrames } from '../amd/replay';
import { AnsweringMachineDetector } from '../../main/telephony/media/amd/detector';
import type { AmdDecision } from '../../main/telephony/media/amd/classifier';
import { AMD_DEFAULTS } from '../../shared/campaigns/amdSettings';
import { startFarEnds } from './farEndProcess';
import { liveCalls, type LiveDecision } from './liveCalls';
import { cpuMsSince, interleaved, percentile, report, withinLimit } from './measure';

const ROUNDS = 3;
/** Calls at once in real time: the goal, and a point below it for the curve. */
const LIVE_CALLS = [100, 300];
const LIVE_SECONDS = 10;
/** A decision seen more than one frame after the audio it was made on arrived has fallen behind real time. */
const ON_TIME_MS = 20;

/** CPU ms (user + system) of one run. */
function cpuMs(run: () => void): number {
  const start = process.cpuUsage();
  run();
  return cpuMsSince(start);
}

/** Feeds each call's first `counts[i]` frames to a sink made for that call, ROUNDS times over. */
function replayCalls(calls: Uint8Array[], counts: number[], sinkForCall: () => (frame: Int16Array) => void): void {
  for (let round = 0; round < ROUNDS; round++) {
    calls.forEach((ulaw, call) => {
      const take = sinkForCall();
      let left = counts[call];
      for (const frame of receivedFrames(ulaw)) {
        if (left-- === 0) break;
        take(frame);
      }
    });
  }
}

/**
 * Answering-machine detection on the spoken corpus (300 calls, μ-law in 20 ms frames, decoded as the
 * receiver does), each call fed for as long as its detector listens: to the decision for a person, to
 * the message start for a machine. CPU per second of call audio gives the calls one core can follow in
 * real time; the floor is decoding the same frames and nothing else. Then the same calls live (liveCalls).
 */
export async function benchAmd(): Promise<void> {
  const calls = (await loadCorpus(150)).map((clip) => clip.ulaw);
  // how long each call is listened to, and what it is decided as (this pass also warms the code up)
  const offline = calls.map((ulaw) => {
    const detector = new AnsweringMachineDetector();
    let frames = 0;
    for (const frame of receivedFrames(ulaw)) {
      if (!detector.listening) break;
      detector.push(frame);
      frames++;
    }
    return { frames, decision: detector.decision };
  });
  const counts = offline.map((call) => call.frames);
  const detectorMs = cpuMs(() =>
    replayCalls(calls, counts, () => {
      const detector = new AnsweringMachineDetector();
      return (frame) => detector.push(frame);
    }),
  );
  let samples = 0;
  const floorMs = cpuMs(() =>
    replayCalls(calls, counts, () => (frame) => {
      samples += frame.length;
    }),
  );
  const callSeconds = samples / 8000;
  const msPerCallSecond = detectorMs / callSeconds;
  report('amd detection (300 spoken calls, 20 ms μ-law frames)', {
    callSeconds,
    cpuMsPerCallSecond: msPerCallSecond,
    decodeFloorMsPerCallSecond: floorMs / callSeconds,
    ratio: detectorMs / floorMs,
    callsPerCore: 1000 / msPerCallSecond,
    goal: '>= 300 calls per core',
  });
  await benchLiveCalls(
    calls,
    offline.map((call) => call.decision),
  );
}

/**
 * The corpus's calls at once in real time, each a real RTP media endpoint detecting with the defaults, its far end
 * in another process (so the process under test pays only for its calls): whether every call is decided on time
 * (by amdMaxMs of received audio, and within a frame of that audio's arrival) and as the offline replay decides
 * it, and what detection adds to the pacers' late frames, the event loop's delay and the CPU. The floor is the same
 * calls without detection, in the same run; the arms alternate which goes first.
 */
async function benchLiveCalls(clips: Uint8Array[], offline: (AmdDecision | null)[]): Promise<void> {
  const farEnds = await startFarEnds(clips);
  try {
    const run = (count: number, detection: boolean) =>
      withinLimit(liveCalls(farEnds, count, detection ? AMD_DEFAULTS : null, LIVE_SECONDS), LIVE_SECONDS * 1000 + 30_000, `amd ${count} live calls`);
    const rounds = await interleaved(
      LIVE_CALLS.length,
      (round) => run(LIVE_CALLS[round], true),
      (round) => run(LIVE_CALLS[round], false),
    );
    rounds.forEach(({ first: detecting, second: floor }, round) => {
      const count = LIVE_CALLS[round];
      if (detecting.packetsLost === (count * LIVE_SECONDS * 1000) / 20) throw new Error(`amd ${count} live calls: no RTP reached the calls`);
      const decided = detecting.decisions.filter((d): d is LiveDecision => d !== null);
      if (!decided.length) throw new Error(`amd ${count} live calls: no call was decided`);
      const onTime = decided.filter((d) => d.result.ms <= AMD_DEFAULTS.totalAnalysisMs && d.lagMs <= ON_TIME_MS).length;
      const asOffline = detecting.decisions.filter((d, i) => d && d.result.decision === offline[i]?.decision && d.result.ms === offline[i]?.ms).length;
      const lags = decided.map((d) => d.lagMs);
      report(`amd live: ${count} calls at once, RTP over loopback, ${LIVE_SECONDS} s each (floor: detection off)`, {
        decidedOnTime: `${onTime}/${count}`,
        decidedAsOffline: `${asOffline}/${count}`,
        decisionLagP99Ms: percentile(lags, 99),
        decisionLagMaxMs: Math.max(...lags),
        lateFrames: detecting.lateFrames,
        floorLateFrames: floor.lateFrames,
        lateFramesOverFloor: detecting.lateFrames - floor.lateFrames,
        loopDelayP99Ms: detecting.loopDelayP99Ms,
        floorLoopDelayP99Ms: floor.loopDelayP99Ms,
        cpuMsPerCallSecond: detecting.cpuMsPerCallSecond,
        floorCpuMsPerCallSecond: floor.cpuMsPerCallSecond,
        packetsLost: detecting.packetsLost,
        floorPacketsLost: floor.packetsLost,
        farEndLateFrames: detecting.farEndLateFrames + floor.farEndLateFrames,
        ...(count === Math.max(...LIVE_CALLS) ? { goal: `decidedOnTime=${count}/${count}, lateFramesOverFloor=0` } : {}),
      });
    });
  } finally {
    await farEnds.close();
  }
}
