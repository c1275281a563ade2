import { createRequire } from 'node:module';
import type { Codec } from './endpoint';

// alawmulaw ships a CommonJS bundle that Node's ESM loader exposes only as a default export.
const { alaw, mulaw } = createRequire(import.meta.url)('alawmulaw') as typeof import('alawmulaw');

/** Samples per 20 ms frame at 8 kHz, and so bytes per G.711 frame and RTP timestamp step. */
export const FRAME_SAMPLES = 160;
/** A frame's length in ms: the RTP packetisation interval, and the pacer's tick. */
export const FRAME_MS = (FRAME_SAMPLES * 1000) / 8000;

/** The RTP static payload type of each codec (RFC 3551). */
export const PAYLOAD_TYPE: Record<Codec, number> = { PCMU: 0, PCMA: 8 };

/** The byte each codec encodes digital silence as. */
export const SILENCE_BYTE: Record<Codec, number> = { PCMU: 0xff, PCMA: 0xd5 };

const COMPANDER = { PCMU: mulaw, PCMA: alaw } as const;

/** 16-bit linear PCM → G.711 bytes. */
export function encodeG711(codec: Codec, pcm: Int16Array): Uint8Array {
  return COMPANDER[codec].encode(pcm);
}

/** G.711 bytes → 16-bit linear PCM. */
export function decodeG711(codec: Codec, bytes: Uint8Array): Int16Array {
  return COMPANDER[codec].decode(bytes);
}

/** Each code word's linear value, by codec: decoding a byte is one lookup. */
const DECODED: Record<Codec, Int16Array> = {
  PCMU: decodeG711('PCMU', Uint8Array.from({ length: 256 }, (_, i) => i)),
  PCMA: decodeG711('PCMA', Uint8Array.from({ length: 256 }, (_, i) => i)),
};

/**
 * Decodes received payloads into one buffer reused from packet to packet: a call decodes 50 of them a
 * second, and hundreds of calls share a core. What decode() returns is valid until its next call.
 */
export class G711Decoder {
  private buffer = new Int16Array(FRAME_SAMPLES);
  private view = this.buffer;

  constructor(private readonly codec: Codec) {}

  decode(bytes: Uint8Array): Int16Array {
    if (bytes.length > this.buffer.length) this.buffer = new Int16Array(bytes.length);
    if (this.view.length !== bytes.length || this.view.buffer !== this.buffer.buffer) this.view = this.buffer.subarray(0, bytes.length);
    const table = DECODED[this.codec];
    for (let i = 0; i < bytes.length; i++) this.view[i] = table[bytes[i]];
    return this.view;
  }
}

/** G.711 bytes from one law to the other (through linear PCM); the same bytes when the codecs match. */
export function transcodeG711(from: Codec, to: Codec, bytes: Uint8Array): Uint8Array {
  return from === to ? bytes : encodeG711(to, decodeG711(from, bytes));
}
