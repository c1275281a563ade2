import { describe, expect, it } from 'vitest';
import { decodeG711, encodeG711, G711Decoder, transcodeG711 } from '../../main/telephony/media/g711';

const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);

describe('G.711', () => {
  it('matches the standard code words (ITU-T G.711 tables)', () => {
    expect([...encodeG711('PCMU', new Int16Array([0, -1, 32767, -32768]))]).toEqual([0xff, 0x7f, 0x80, 0x00]);
    expect([...decodeG711('PCMU', Uint8Array.of(0xff, 0x7f, 0x80, 0x00))]).toEqual([0, 0, 32124, -32124]);
    expect([...encodeG711('PCMA', new Int16Array([0, -1, 32767, -32768]))]).toEqual([0xd5, 0x55, 0xaa, 0x2a]);
    expect([...decodeG711('PCMA', Uint8Array.of(0xd5, 0x55, 0xaa, 0x2a))]).toEqual([8, -8, 32256, -32256]);
  });

  it('decodes every code word to a value that encodes back to it (μ-law has one negative zero)', () => {
    const mulaw = encodeG711('PCMU', decodeG711('PCMU', ALL_BYTES));
    expect([...mulaw]).toEqual([...ALL_BYTES].map((b) => (b === 0x7f ? 0xff : b)));
    expect([...encodeG711('PCMA', decodeG711('PCMA', ALL_BYTES))]).toEqual([...ALL_BYTES]);
  });

  it('keeps linear PCM within the quantisation step of its segment', () => {
    const pcm = Int16Array.from({ length: 2000 }, (_, i) => (i - 1000) * 31);
    for (const codec of ['PCMU', 'PCMA'] as const) {
      const back = decodeG711(codec, encodeG711(codec, pcm));
      pcm.forEach((sample, i) => expect(Math.abs(back[i] - sample)).toBeLessThanOrEqual(Math.max(16, Math.abs(sample) / 16)));
    }
  });

  it('decodes packets into one reused buffer, as decodeG711 does, whatever their length', () => {
    for (const codec of ['PCMU', 'PCMA'] as const) {
      const decoder = new G711Decoder(codec);
      const first = decoder.decode(ALL_BYTES.subarray(0, 160));
      expect([...first]).toEqual([...decodeG711(codec, ALL_BYTES.subarray(0, 160))]);
      const second = decoder.decode(ALL_BYTES.subarray(96, 256));
      expect(second).toBe(first);
      expect([...second]).toEqual([...decodeG711(codec, ALL_BYTES.subarray(96, 256))]);
      expect([...decoder.decode(ALL_BYTES.subarray(0, 80))]).toEqual([...decodeG711(codec, ALL_BYTES.subarray(0, 80))]);
      expect([...decoder.decode(ALL_BYTES)]).toEqual([...decodeG711(codec, ALL_BYTES)]);
    }
  });

  it('transcodes μ-law to A-law and back without drifting', () => {
    const mulaw = encodeG711('PCMU', Int16Array.from({ length: 800 }, (_, i) => Math.round(6000 * Math.sin(i / 5))));
    const alaw = transcodeG711('PCMU', 'PCMA', mulaw);
    expect(alaw).not.toEqual(mulaw);
    const back = decodeG711('PCMU', transcodeG711('PCMA', 'PCMU', alaw));
    decodeG711('PCMU', mulaw).forEach((sample, i) => expect(Math.abs(back[i] - sample)).toBeLessThanOrEqual(Math.max(16, Math.abs(sample) / 16)));
    expect(transcodeG711('PCMA', 'PCMA', alaw)).toBe(alaw);
  });
});
