import type { AmdSettings } from '../../shared/campaigns/amdSettings';
import { AnsweringMachineDetector } from '../../main/telephony/media/amd/detector';
import { decodeG711, FRAME_SAMPLES } from '../../main/telephony/media/g711';

/** μ-law audio as the receiver hands it on: one 20 ms RTP payload at a time, decoded. */
export function* receivedFrames(ulaw: Uint8Array): Generator<Int16Array> {
  for (let at = 0; at + FRAME_SAMPLES <= ulaw.length; at += FRAME_SAMPLES) yield decodeG711('PCMU', ulaw.subarray(at, at + FRAME_SAMPLES));
}

/** A detector fed a clip's received frames until it has nothing more to find. */
export function replay(ulaw: Uint8Array, settings?: AmdSettings): AnsweringMachineDetector {
  const detector = new AnsweringMachineDetector(settings);
  for (const frame of receivedFrames(ulaw)) {
    if (!detector.listening) break;
    detector.push(frame);
  }
  return detector;
}
