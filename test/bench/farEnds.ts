import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { FRAME_MS, FRAME_SAMPLES, PAYLOAD_TYPE, SILENCE_BYTE } from '../../main/telephony/media/g711';
import { encodeRtp } from '../../main/telephony/media/rtpPacket';

/*
 * The far ends of many calls, run as a child process (farEndProcess.ts starts it) so that sending their audio
 * costs the process under test nothing: one UDP socket on 127.0.0.1 sends every call's RTP in real time (and
 * takes in, unread, what the calls send back).
 */


export interface FarEndCall {
  /** Index of its audio in the clips sent first. */
  clip: number;
  /** The endpoint's RTP port on 127.0.0.1. */
  port: number;
  /** performance.timeOrigin + performance.now() (comparable across processes) when the call is answered. */
  answerAt: number;
}

export type FarEndRequest = { type: 'clips'; clips: Uint8Array[] } | { type: 'stream'; calls: FarEndCall[]; seconds: number };

export type FarEndReply =
  | { type: 'ready'; port: number }
  /**
   * Frames this side sent more than a frame late (its own slip, not the process under test's), and by call when
   * each frame was sent (on the shared clock).
   */
  | { type: 'streamed'; lateFrames: number; sentAt: Float64Array[] }
  | { type: 'failed'; message: string };

const socket = createSocket('udp4');
await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
let clips: Uint8Array[] = [];
const reply = (message: FarEndReply) => process.send!(message);

process.on('message', (request: FarEndRequest) => {
  if (request.type === 'clips') clips = request.clips;
  else stream(request.calls, request.seconds).then((streamed) => reply({ type: 'streamed', ...streamed }), (error: Error) => reply({ type: 'failed', message: error.message }));
});
// the process under test is done with us (or gone)
process.on('disconnect', () => socket.close());
reply({ type: 'ready', port: (socket.address() as AddressInfo).port });

/**
 * Sends each call `seconds` of its clip (then silence) as a phone does: frame k, the audio of [20k, 20k + 20) ms
 * after the answer, once it has all been heard, at 20(k + 1) ms. Resolves with when each was sent, and those sent late.
 */
function stream(calls: FarEndCall[], seconds: number): Promise<{ lateFrames: number; sentAt: Float64Array[] }> {
  const frames = (seconds * 1000) / FRAME_MS;
  const streams = calls.map((call, i) => {
    const audio = new Uint8Array(frames * FRAME_SAMPLES).fill(SILENCE_BYTE.PCMU);
    audio.set(clips[call.clip].subarray(0, audio.length));
    return { port: call.port, audio, ssrc: i + 1, sent: 0, sentAt: new Float64Array(frames), firstDue: call.answerAt - performance.timeOrigin + FRAME_MS };
  });
  if (streams.some((s) => s.firstDue < performance.now())) return Promise.reject(new Error('far ends: the schedule came after the first answer'));
  let lateFrames = 0;
  return new Promise((resolve) => {
    const sendDue = () => {
      const now = performance.now();
      let nextDue = Infinity;
      for (const s of streams) {
        for (let due = s.firstDue + s.sent * FRAME_MS; s.sent < frames && due <= now; due += FRAME_MS) {
          if (now - due > FRAME_MS) lateFrames++;
          s.sentAt[s.sent] = performance.timeOrigin + now;
          const payload = s.audio.subarray(s.sent * FRAME_SAMPLES, (s.sent + 1) * FRAME_SAMPLES);
          socket.send(encodeRtp({ payloadType: PAYLOAD_TYPE.PCMU, sequence: s.sent, timestamp: s.sent * FRAME_SAMPLES, ssrc: s.ssrc, marker: s.sent === 0, payload }), s.port, '127.0.0.1');
          s.sent++;
        }
        if (s.sent < frames) nextDue = Math.min(nextDue, s.firstDue + s.sent * FRAME_MS);
      }
      if (nextDue === Infinity) resolve({ lateFrames, sentAt: streams.map((s) => s.sentAt) });
      else setTimeout(sendDue, nextDue - performance.now());
    };
    sendDue();
  });
}
