/*
 * RTP packets (RFC 3550 §5.1), written by hand: the header is 12 bytes, and the npm RTP packages are
 * either unmaintained or whole WebRTC stacks.
 */

export interface RtpPacket {
  payloadType: number;
  /** 16-bit, wraps. */
  sequence: number;
  /** 32-bit, in samples (8 kHz for G.711), wraps. */
  timestamp: number;
  ssrc: number;
  /** Set on the first packet of a talk spurt. */
  marker: boolean;
  payload: Uint8Array;
}

const HEADER_BYTES = 12;
const VERSION = 2;

export function encodeRtp(packet: RtpPacket): Buffer {
  const bytes = Buffer.alloc(HEADER_BYTES + packet.payload.length);
  bytes[0] = VERSION << 6;
  bytes[1] = (packet.marker ? 0x80 : 0) | (packet.payloadType & 0x7f);
  bytes.writeUInt16BE(packet.sequence & 0xffff, 2);
  bytes.writeUInt32BE(packet.timestamp >>> 0, 4);
  bytes.writeUInt32BE(packet.ssrc >>> 0, 8);
  bytes.set(packet.payload, HEADER_BYTES);
  return bytes;
}

/** The packet in a datagram, skipping CSRCs, a header extension and padding; null when it is not RTP version 2. */
export function decodeRtp(bytes: Buffer): RtpPacket | null {
  if (bytes.length < HEADER_BYTES || bytes[0] >> 6 !== VERSION) return null;
  const hasPadding = (bytes[0] & 0x20) !== 0;
  const hasExtension = (bytes[0] & 0x10) !== 0;
  let start = HEADER_BYTES + 4 * (bytes[0] & 0x0f);
  if (hasExtension) {
    if (bytes.length < start + 4) return null;
    start += 4 + 4 * bytes.readUInt16BE(start + 2);
  }
  const end = bytes.length - (hasPadding ? bytes[bytes.length - 1] : 0);
  if (end < start) return null;
  return {
    payloadType: bytes[1] & 0x7f,
    marker: (bytes[1] & 0x80) !== 0,
    sequence: bytes.readUInt16BE(2),
    timestamp: bytes.readUInt32BE(4),
    ssrc: bytes.readUInt32BE(8),
    payload: bytes.subarray(start, end),
  };
}
