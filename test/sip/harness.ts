import { createSocket } from 'node:dgram';
import { realClock } from '../../main/platform/clock';
import type { CallAudioPlan, CallReport, Codec, MediaEndpoint, OpenMediaEndpoint } from '../../main/telephony/media/endpoint';
import type { PlaceCallRequest } from '../../main/telephony/port';
import { SipProvider, type SipProviderOptions } from '../../main/telephony/sip/provider';
import type { SipTrunkCredentials } from '../../shared/telephony/trunk';
import { callRequest, recordEvents } from '../dialer/providerContract';
import { mediaReport } from '../media/callPlan';
import type { SippUas } from './sipp';

export const FROM = '+12025550100';

/** A trunk pointing at a SIPp UAS, with short timers for tests. */
export function trunkFor(sipp: Pick<SippUas, 'port'>, overrides: Partial<SipTrunkCredentials> = {}): SipTrunkCredentials {
  return {
    id: 'trunk_test', teamId: 'team_test', name: 'SIPp', host: '127.0.0.1', port: sipp.port, transport: 'udp',
    username: null, password: null, fromUser: null, fromDomain: null, maxCallSeconds: 30, ringTimeoutSeconds: 5,
    createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', ...overrides,
  };
}

export interface RecordedMedia {
  opened: CallAudioPlan[];
  started: { address: string; port: number; codec: Codec }[];
  closed: number;
  /** The endpoints handed out, newest last: what their agent reported so far, and asking one to hang up. */
  endpoints: { report: CallReport; requestHangup(report?: CallReport): void }[];
}

/**
 * A stand-in for the media layer where SIPp's RTP is not under test: a real UDP port for the SDP offer,
 * and a record of what the provider asked of it.
 */
export function recordingMedia(): { openMedia: OpenMediaEndpoint; media: RecordedMedia } {
  const media: RecordedMedia = { opened: [], started: [], closed: 0, endpoints: [] };
  const openMedia: OpenMediaEndpoint = async (plan, { bindAddress }) => {
    media.opened.push(plan);
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, bindAddress, resolve));
    let hangupListener: (report: CallReport) => void = () => {};
    const handle = { report: mediaReport(), requestHangup: (report?: CallReport) => hangupListener(report ?? handle.report) };
    media.endpoints.push(handle);
    const endpoint: MediaEndpoint = {
      get report() {
        return handle.report;
      },
      address: bindAddress,
      port: socket.address().port,
      start: async (remote) => void media.started.push(remote),
      play: async () => {},
      onHangupRequest: (listener) => (hangupListener = listener),
      onTransferRequest: () => {},
      finish: () => handle.report,
      stats: { packetsSent: 0, packetsReceived: 0, framesLate: 0 },
      close: async () => {
        media.closed++;
        await new Promise<void>((resolve) => socket.close(() => resolve()));
      },
    };
    return endpoint;
  };
  return { openMedia, media };
}

/** A SipProvider on the real clock whose every caller ID uses `trunk`, with recorded events and media. */
export function sipProvider(trunk: SipTrunkCredentials | null, options: Partial<SipProviderOptions> = {}) {
  const { openMedia, media } = recordingMedia();
  const provider = new SipProvider({ clock: realClock(), resolveTrunk: () => trunk, openMedia, ...options });
  return { provider, media, events: recordEvents(provider) };
}

/** Polls until `done()` (every 10 ms), failing after `limitMs`. */
export async function waitFor(done: () => boolean, limitMs = 10_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Places one call to `to` (the dialer's usual request but for `overrides`) and returns its request. */
export async function placeCall(provider: SipProvider, to = '+12125550001', overrides: Partial<PlaceCallRequest> = {}) {
  const request = { ...callRequest(to, FROM), ...overrides };
  await provider.placeCall(request);
  return request;
}
