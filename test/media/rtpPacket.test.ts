import { describe, expect, it } from 'vitest';
import { decodeRtp, encodeRtp } from '../../main/telephony/media/rtpPacket';

describe('RTP packets', () => {
  it('writes the RFC 3550 fixed header', () => {
    const bytes = encodeRtp({ payloadType: 8, sequence: 0x1234, timestamp: 0xdeadbeef, ssrc: 0x01020304, marker: true, payload: Uint8Array.of(1, 2, 3) });
    expect([...bytes]).toEqual([0x80, 0x88, 0x12, 0x34, 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 1, 2, 3]);
  });

  it('wraps sequence and timestamp', () => {
    const packet = decodeRtp(encodeRtp({ payloadType: 0, sequence: 0x10001, timestamp: 2 ** 32 + 160, ssrc: 7, marker: false, payload: new Uint8Array(160) }))!;
    expect(packet).toMatchObject({ payloadType: 0, sequence: 1, timestamp: 160, ssrc: 7, marker: false });
    expect(packet.payload).toHaveLength(160);
  });

  it('skips CSRCs, a header extension and padding', () => {
    const header = [0xb1, 0x00, 0, 5, 0, 0, 0, 9, 0, 0, 0, 1]; // V=2, padding, extension, 1 CSRC
    const csrc = [0, 0, 0, 2];
    const extension = [0xbe, 0xde, 0, 1, 1, 2, 3, 4];
    const bytes = Buffer.from([...header, ...csrc, ...extension, 0xaa, 0xbb, 0, 0, 3]);
    const packet = decodeRtp(bytes)!;
    expect([...packet.payload]).toEqual([0xaa, 0xbb]);
    expect(packet).toMatchObject({ sequence: 5, timestamp: 9, ssrc: 1 });
  });

  it('refuses what is not RTP version 2', () => {
    expect(decodeRtp(Buffer.from('hello world!'))).toBeNull();
    expect(decodeRtp(Buffer.from([0x80, 0]))).toBeNull();
    expect(decodeRtp(Buffer.from([0x90, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xbe, 0xde, 0, 9]))).toBeNull();
    expect(decodeRtp(Buffer.from([0xa0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xff]))).toBeNull();
  });
});
