import { networkInterfaces } from 'node:os';
import { SIP_PROVIDER } from '../../shared/telephony/trunk';
import { recordingFileOf } from '../calls/recordings';
import { createRealtimeEngine } from '../voice/realtime/realtimeSession';
import { createGreetingSpeech } from '../voice/speech/greetingSpeech';
import type { Clock } from '../platform/clock';
import type { VoiceSettings } from '../voice/voiceSettings';
import type { MediaService } from './mediaLibrary';
import type { TrunkService } from './trunks';
import { openMediaEndpoint } from './media/openMediaEndpoint';
import type { PlaceCallRequest, TelephonyProvider } from './port';
import { SimulatorProvider } from './simulator';
import { SipProvider, type CallMediaFiles } from './sip/provider';

export interface ProviderOptions {
  clock: Clock;
  /** What the providers need of the app's services: a SIP number's trunk, an uploaded audio file, the voice engine's account. */
  services: {
    trunks: Pick<TrunkService, 'trunkCredentialsForNumber'>;
    media: Pick<MediaService, 'fileOf'>;
    voiceSettings: Pick<VoiceSettings, 'connection'>;
  };
  /** The simulator's speed-up in real time. */
  simulatorTimeScale?: number;
  /** Where call recordings go; null: nowhere (an in-memory workspace). */
  recordingsDir: string | null;
  /** The address our SIP and RTP sockets use (it goes into Via, Contact and SDP); the first LAN IPv4 by default. */
  sipAddress?: string;
}

/** The first non-internal IPv4 address of this machine (what a trunk on the network can reach), else loopback. */
export function defaultSipAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    const found = addresses?.find((a) => a.family === 'IPv4' && !a.internal);
    if (found) return found.address;
  }
  return '127.0.0.1';
}

/** What a SIP call plays, bridges and records: from its assistant's telephony settings, its audio found by media id. */
export function audioPlanOf(request: PlaceCallRequest, recordingsDir: string | null, mediaFile: (id: string) => string | null): CallMediaFiles {
  const { assistant } = request;
  const wav = (id: string | null) => (id === null ? null : mediaFile(id));
  return {
    callId: request.callId,
    from: request.from,
    to: request.to,
    agentUrl: assistant.agentUrl,
    greetingWav: wav(assistant.greetingMediaId),
    voicemailWav: request.voicemailAction === 'leave_message' ? wav(assistant.voicemailMediaId) : null,
    recordingPath: assistant.recordCalls && recordingsDir ? recordingFileOf(recordingsDir, request.callId) : null,
  };
}

/** The app's telephony providers by name: the embedded simulator, and SIP trunks. */
export function createProviders(o: ProviderOptions): Record<string, TelephonyProvider> {
  return {
    simulator: new SimulatorProvider({ clock: o.clock, timeScale: o.simulatorTimeScale, seed: o.clock.now() }),
    [SIP_PROVIDER]: new SipProvider({
      clock: o.clock,
      resolveTrunk: (from) => o.services.trunks.trunkCredentialsForNumber(from),
      openMedia: openMediaEndpoint,
      bindAddress: o.sipAddress ?? defaultSipAddress(),
      audioPlan: (request) => audioPlanOf(request, o.recordingsDir, (id) => o.services.media.fileOf(id)),
      // the key and base URL are read as each call starts: one saved in Settings meanwhile is used at once
      voiceEngine: createRealtimeEngine(() => o.services.voiceSettings.connection(), o.clock),
      greetingSpeech: createGreetingSpeech(() => o.services.voiceSettings.connection()),
    }),
  };
}
