import { loadCorpus } from '../amd/corpus';
import { receivedFrames } from '../amd/replay';
import { AnsweringMachineDetector } from '../../main/dialer/telephony/media/amd/detector';
import { report } from './measure';

const ROUNDS = 3;

/** CPU ms (user + system) of one run. */
function cpuMs(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
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
 * real time; the floor is decoding the same frames and nothing else.
 */
export async function benchAmd(): Promise<void> {
  const calls = (await loadCorpus(150)).map((clip) => clip.ulaw);
  // how long each call is listened to (this pass also warms the code up)
  const counts = calls.map((ulaw) => {
    const detector = new AnsweringMachineDetector();
    let frames = 0;
    for (const frame of receivedFrames(ulaw)) {
      if (!detector.listening) break;
      detector.push(frame);
      frames++;
    }
    return frames;
  });
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
}
