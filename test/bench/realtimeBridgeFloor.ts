import { createSocket } from 'node:dgram';
import WebSocket from 'ws';
import { FRAME_MS, FRAME_SAMPLES, PAYLOAD_TYPE, SILENCE_BYTE } from '../../main/telephony/media/g711';
import { startPacer } from '../../main/telephony/media/pacer';
import { decodeRtp, encodeRtp } from '../../main/telephony/media/rtpPacket';
import { FAKE_API_KEY } from '../support/fakeRealtime';

const SILENCE = Buffer.alloc(FRAME_SAMPLES, SILENCE_BYTE.PCMU);

export interface FloorRelay {
  /** Its RTP port on 127.0.0.1. */
  port: number;
  close(): Promise<void>;
}

/**
 * The floor under the realtime bridge: one call's UDP socket and engine WebSocket with nothing between them but the
 * protocol: each RTP payload goes out as an append the moment it comes, each audio delta in the next 20 ms send slot.
 * What the bridge takes beyond this is its own.
 */
export async function openFloorRelay(baseUrl: string, model: string, phone: { address: string; port: number }): Promise<FloorRelay> {
  const engine = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/realtime?model=${model}`, { headers: { Authorization: `Bearer ${FAKE_API_KEY}` } });
  await new Promise((resolve, reject) => engine.once('open', resolve).once('error', reject));
  const udp = createSocket('udp4');
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', () => resolve()));
  const queued: Buffer[] = [];
  udp.on('message', (bytes) => {
    const packet = decodeRtp(bytes);
    if (packet) engine.send(JSON.stringify({ type: 'input_audio_buffer.append', audio: Buffer.from(packet.payload).toString('base64') }));
  });
  engine.on('message', (data) => {
    const event = JSON.parse(data.toString()) as { type: string; delta?: string };
    if (event.type === 'response.output_audio.delta') queued.push(Buffer.from(event.delta!, 'base64'));
  });
  const pacer = startPacer(FRAME_MS, performance.now(), (slot) => {
    const payload = queued.shift() ?? SILENCE;
    udp.send(encodeRtp({ payloadType: PAYLOAD_TYPE.PCMU, sequence: slot, timestamp: slot * FRAME_SAMPLES, ssrc: 1, marker: slot === 0, payload }), phone.port, phone.address);
  });
  return {
    port: udp.address().port,
    async close() {
      pacer.stop();
      engine.close();
      await new Promise<void>((resolve) => udp.close(() => resolve()));
    },
  };
}
