import { parse, write } from 'sdp-transform';
import type { Codec } from '../media/endpoint';

/** RTP payload types of the codecs we offer (static, RFC 3551) and of DTMF events. */
const PAYLOADS: Record<Codec, number> = { PCMU: 0, PCMA: 8 };
const TELEPHONE_EVENT = 101;

/** Our offer: one audio stream at the media endpoint's address, G.711 μ-law and A-law, plus DTMF events. */
export function sdpOffer(media: { address: string; port: number }, sessionId: number): string {
  return write({
    version: 0,
    origin: { username: '-', sessionId, sessionVersion: 1, netType: 'IN', ipVer: 4, address: media.address },
    name: 'Dialwell',
    connection: { version: 4, ip: media.address },
    timing: { start: 0, stop: 0 },
    media: [
      {
        type: 'audio',
        port: media.port,
        protocol: 'RTP/AVP',
        payloads: `${PAYLOADS.PCMU} ${PAYLOADS.PCMA} ${TELEPHONE_EVENT}`,
        rtp: [
          { payload: PAYLOADS.PCMU, codec: 'PCMU', rate: 8000 },
          { payload: PAYLOADS.PCMA, codec: 'PCMA', rate: 8000 },
          { payload: TELEPHONE_EVENT, codec: 'telephone-event', rate: 8000 },
        ],
        fmtp: [{ payload: TELEPHONE_EVENT, config: '0-16' }],
        ptime: 20,
        direction: 'sendrecv',
      },
    ],
  });
}

export type SdpAnswer = { address: string; port: number; codec: Codec };

/** Where the far end wants our audio and in which codec; an Error when the answer is unusable. */
export function parseSdpAnswer(text: string): SdpAnswer | Error {
  let session;
  try {
    session = parse(text);
  } catch {
    return new Error('unreadable SDP answer');
  }
  const audio = session.media?.find((m) => m.type === 'audio' && m.port > 0);
  if (!audio) return new Error('SDP answer has no audio stream');
  const address = audio.connection?.ip ?? session.connection?.ip;
  if (!address) return new Error('SDP answer has no connection address');
  // the first payload the answer lists that we offered; static types need no rtpmap
  for (const payload of String(audio.payloads ?? '').split(/\s+/).map(Number)) {
    const named = audio.rtp.find((r) => r.payload === payload)?.codec.toUpperCase();
    const codec = (Object.keys(PAYLOADS) as Codec[]).find((c) => named === c || (!named && PAYLOADS[c] === payload));
    if (codec) return { address, port: audio.port, codec };
  }
  return new Error('SDP answer has no codec we offered (PCMU, PCMA)');
}
