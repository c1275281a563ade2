import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { decodeRtp, encodeRtp, type RtpPacket } from '../../main/telephony/media/rtpPacket';

/** The far end of a call's audio: a plain UDP socket on 127.0.0.1 that records RTP and sends it. */
export class RtpPeer {
  /** Each datagram received, raw and decoded. */
  readonly received: { raw: Buffer; packet: RtpPacket }[] = [];
  /** performance.now() of each arrival. */
  readonly arrivals: number[] = [];
  private sequence = 1000;
  private timestamp = 50_000;

  private constructor(private readonly socket: Socket) {
    socket.on('message', (raw) => {
      this.received.push({ raw, packet: decodeRtp(raw)! });
      this.arrivals.push(performance.now());
    });
  }

  static async open(): Promise<RtpPeer> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    return new RtpPeer(socket);
  }

  get port(): number {
    return (this.socket.address() as AddressInfo).port;
  }

  /** Sends one 20 ms frame to the endpoint. */
  send(to: { address: string; port: number }, payloadType: number, payload: Uint8Array): void {
    const packet = encodeRtp({ payloadType, sequence: this.sequence++, timestamp: this.timestamp, ssrc: 0x1234, marker: false, payload });
    this.timestamp += payload.length;
    this.socket.send(packet, to.port, to.address);
  }

  /** Sends `payload` to the endpoint as 20 ms frames in real time, as a phone does; stop() ends it early. */
  stream(to: { address: string; port: number }, payloadType: number, payload: Uint8Array): { stop(): void } {
    const startedAt = performance.now();
    const frames = Math.ceil(payload.length / 160);
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const sendDue = () => {
      for (const due = Math.min(frames, Math.floor((performance.now() - startedAt) / 20) + 1); sent < due; sent++) {
        this.send(to, payloadType, payload.subarray(sent * 160, (sent + 1) * 160));
      }
      if (sent < frames) timer = setTimeout(sendDue, startedAt + sent * 20 - performance.now());
    };
    sendDue();
    return { stop: () => clearTimeout(timer) };
  }

  sendRaw(to: { address: string; port: number }, bytes: Buffer): void {
    this.socket.send(bytes, to.port, to.address);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
