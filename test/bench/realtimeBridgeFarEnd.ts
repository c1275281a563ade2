import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { FRAME_MS, FRAME_SAMPLES, PAYLOAD_TYPE } from '../../main/telephony/media/g711';
import { decodeRtp, encodeRtp } from '../../main/telephony/media/rtpPacket';
import { FakeRealtime, type FakeRealtimeSession } from '../support/fakeRealtime';
import type { ChildFailure } from './benchChild';

/*
 * The far ends of the realtime-bridge bench, in a process of their own (realtimeBridge.bench.ts forks it) so that
 * their work costs the process under test nothing: one UDP socket is every call's phone, the fake Realtime server
 * every call's engine. Every frame either way carries an id in its first bytes, and both its sending and its
 * arrival are timed here, on one clock.
 */

/** An engine's delta goes out this long after one of the call's packets came in: half a slot before the next one is due. */
const DELTA_LEAD_MS = 10;
/** Marks a frame as one of ours; the id follows in three bytes. */
const TAGGED = 0x5a;
/** How long frames still on their way are waited for once the sending stops. */
const DRAIN_MS = 300;

export interface BridgeCall {
  /** The model the call's session asks for: which fake session is this call's. */
  model: string;
  /** The call's RTP port on 127.0.0.1. */
  port: number;
}

export type BridgeFarEndRequest = { type: 'run'; calls: BridgeCall[]; seconds: number };

export type BridgeFarEndReply =
  | { type: 'ready'; port: number; baseUrl: string }
  /** Latencies (ms) of the frames that arrived, each way; how many never did; sends of this side more than a frame late. */
  | { type: 'ran'; inMs: number[]; outMs: number[]; inLost: number; outLost: number; lateSends: number }
  | ChildFailure;

/** A frame's payload: our tag, the id, then speech-like bytes (never μ-law silence). */
function taggedFrame(id: number): Buffer {
  const frame = Buffer.alloc(FRAME_SAMPLES, 0x35);
  frame[0] = TAGGED;
  frame.writeUIntBE(id, 1, 3);
  return frame;
}

const idOf = (payload: Uint8Array) => (payload[0] === TAGGED ? Buffer.from(payload.buffer, payload.byteOffset, 4).readUIntBE(1, 3) : null);

/** Sent and arrival times of frames by id, and how many were sent. */
class Timings {
  private sent: number[] = [];
  private arrived: number[] = [];

  send(): number {
    this.sent.push(performance.now());
    return this.sent.length - 1;
  }

  arrive(id: number | null): void {
    if (id !== null && id < this.sent.length) this.arrived[id] ??= performance.now();
  }

  latencies(): { ms: number[]; lost: number } {
    const ms = this.sent.flatMap((at, id) => (this.arrived[id] === undefined ? [] : [this.arrived[id] - at]));
    return { ms, lost: this.sent.length - ms.length };
  }
}

const socket = createSocket('udp4');
await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
const fake = await FakeRealtime.start();
const reply = (message: BridgeFarEndReply) => process.send!(message);

/** Each call's fake session, once it has connected. */
async function sessionsOf(calls: BridgeCall[]): Promise<FakeRealtimeSession[]> {
  const limit = performance.now() + 10_000;
  for (;;) {
    const sessions = calls.map((call) => fake.sessions.find((session) => session.model === call.model));
    if (sessions.every(Boolean)) return sessions as FakeRealtimeSession[];
    if (performance.now() > limit) throw new Error('far ends: not every call reached the engine');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * For `seconds`: each call's phone sends a tagged frame every 20 ms, which the call's engine times on arrival; and
 * after every other packet the call sends the phone, its engine sends one tagged frame of audio (so the call's
 * playout never queues), which the phone times when it comes back as RTP.
 */
async function run(calls: BridgeCall[], seconds: number): Promise<Extract<BridgeFarEndReply, { type: 'ran' }>> {
  const sessions = await sessionsOf(calls);
  const inbound = new Timings();
  const outbound = new Timings();
  const callOfPort = new Map(calls.map((call, i) => [call.port, i]));
  const packetsFrom = calls.map(() => 0);
  let sending = true;
  sessions.forEach((session) =>
    session.onEvent((event) => {
      if (sending && event.type === 'input_audio_buffer.append') inbound.arrive(idOf(Buffer.from(event.audio, 'base64')));
    }),
  );
  const heard = (bytes: Buffer, from: AddressInfo) => {
    const call = callOfPort.get(from.port);
    const packet = decodeRtp(bytes);
    if (call === undefined || !packet) return;
    outbound.arrive(idOf(packet.payload));
    if (!sending || packetsFrom[call]++ % 2) return;
    setTimeout(() => {
      const delta = taggedFrame(outbound.send()).toString('base64');
      sessions[call].emit({ type: 'response.output_audio.delta', response_id: 'resp_bench', item_id: 'item_bench', output_index: 0, content_index: 0, delta });
    }, DELTA_LEAD_MS);
  };
  socket.on('message', heard);
  const lateSends = await sendFrames(calls, seconds, inbound);
  sending = false;
  await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
  socket.off('message', heard);
  const [inLatency, outLatency] = [inbound.latencies(), outbound.latencies()];
  return { type: 'ran', inMs: inLatency.ms, outMs: outLatency.ms, inLost: inLatency.lost, outLost: outLatency.lost, lateSends };
}

/** Every call's phone, its first frames spread over one frame's time: resolves with the sends more than a frame late. */
function sendFrames(calls: BridgeCall[], seconds: number, inbound: Timings): Promise<number> {
  const frames = (seconds * 1000) / FRAME_MS;
  const start = performance.now() + FRAME_MS;
  const phones = calls.map((call, i) => ({ port: call.port, firstDue: start + (i * FRAME_MS) / calls.length, sent: 0 }));
  let late = 0;
  return new Promise((resolve) => {
    const sendDue = () => {
      const now = performance.now();
      let nextDue = Infinity;
      phones.forEach((phone, ssrc) => {
        for (let due = phone.firstDue + phone.sent * FRAME_MS; phone.sent < frames && due <= now; due += FRAME_MS) {
          if (now - due > FRAME_MS) late++;
          const payload = taggedFrame(inbound.send());
          socket.send(encodeRtp({ payloadType: PAYLOAD_TYPE.PCMU, sequence: phone.sent, timestamp: phone.sent * FRAME_SAMPLES, ssrc, marker: phone.sent === 0, payload }), phone.port, '127.0.0.1');
          phone.sent++;
        }
        if (phone.sent < frames) nextDue = Math.min(nextDue, phone.firstDue + phone.sent * FRAME_MS);
      });
      if (nextDue === Infinity) resolve(late);
      else setTimeout(sendDue, nextDue - performance.now());
    };
    sendDue();
  });
}

process.on('message', (request: BridgeFarEndRequest) => {
  run(request.calls, request.seconds).then(reply, (error: Error) => reply({ type: 'failed', message: error.message }));
});
// the process under test is done with us (or gone)
process.on('disconnect', () => {
  socket.close();
  void fake.close();
});
reply({ type: 'ready', port: (socket.address() as AddressInfo).port, baseUrl: fake.baseUrl });
