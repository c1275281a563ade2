import type { CallOutcome } from '../../../shared/campaigns/types';
import { SIP_PROVIDER, type SipTrunkCredentials } from '../../../shared/telephony/trunk';
import type { VoiceSessionFactory } from '../../voice/engine';
import type { GreetingSpeech } from '../../voice/speech/greetingSpeech';
import type { Clock } from '../../platform/clock';
import { conversationPlanOf, spokenGreetingOf, type ConversationEngines } from '../media/conversationPlan';
import type { CallAudioPlan, OpenMediaEndpoint } from '../media/endpoint';
import { CallEvents } from '../callEvents';
import type { CallEvent, PlaceCallRequest, ProviderCallStatus, TelephonyProvider } from '../port';
import { SipCall, type CallEnding } from './call';
import { SipStack } from './stack';

export interface SipProviderOptions {
  clock: Clock;
  /** The trunk a caller-ID number dials out through, with its password; null when it has none. */
  resolveTrunk: (fromNumber: string) => SipTrunkCredentials | null | Promise<SipTrunkCredentials | null>;
  openMedia: OpenMediaEndpoint;
  /** Where our SIP and RTP sockets bind; 127.0.0.1 unless told. */
  bindAddress?: string;
  /** What a call plays and where its audio goes; by default nothing is played, bridged or recorded. */
  audioPlan?: (request: PlaceCallRequest) => CallMediaFiles;
  /** The built-in realtime voice engine, for calls whose conversation asks for it (they fail without one). */
  voiceEngine?: VoiceSessionFactory;
  /** Speaks the audio engine's greeting text when it has no greeting upload; without one, such a call plays nothing. */
  greetingSpeech?: GreetingSpeech;
}

/**
 * A call's audio plan but for detection, the voicemail action, the conversation and the spoken greeting, which the
 * provider takes from the request itself; with the assistant's agent URL, for a Media Streams conversation.
 */
export type CallMediaFiles = Omit<CallAudioPlan, 'amd' | 'voicemailAction' | 'conversation' | 'spokenGreeting'> & { agentUrl: string | null };

/** How long close() lets live calls finish their CANCEL/BYE before dropping them. */
const CLOSE_GRACE_MS = 3000;

function silentPlan(request: PlaceCallRequest): CallMediaFiles {
  return { callId: request.callId, from: request.from, to: request.to, agentUrl: null, greetingWav: null, voicemailWav: null, recordingPath: null };
}

function audioPlanFor(request: PlaceCallRequest, { agentUrl, ...files }: CallMediaFiles, engines: ConversationEngines): CallAudioPlan {
  const conversation = conversationPlanOf(request, agentUrl, engines);
  const spokenGreeting = spokenGreetingOf(request, files.greetingWav, engines);
  return { ...files, conversation, spokenGreeting, amd: request.voicemailDetection, voicemailAction: request.voicemailAction };
}

/** The SIP trunk provider: each placed call is a SIP UAC call through the trunk of its caller-ID number. */
export class SipProvider implements TelephonyProvider {
  readonly name = SIP_PROVIDER;
  private readonly events = new CallEvents();
  private readonly stack: SipStack;
  private readonly bindAddress: string;
  /** Calls not yet reported ended, by our call id. */
  private readonly live = new Map<string, SipCall>();
  /** Calls whose SIP side is still going (possibly after their end was reported), by SIP Call-ID. */
  private readonly signalling = new Map<string, { call: SipCall; released: Promise<void> }>();

  constructor(private readonly options: SipProviderOptions) {
    this.bindAddress = options.bindAddress ?? '127.0.0.1';
    this.stack = new SipStack(options.clock, this.bindAddress, {
      onRequest: (request, transport, source) => {
        const entry = this.signalling.get(request.headers.get('call-id') ?? '');
        if (request.method === 'ACK') return;
        if (request.method === 'BYE' && entry) entry.call.remoteBye(request, transport, source);
        else if (request.method === 'NOTIFY' && entry) entry.call.notified(request, transport, source);
        else if (request.method === 'OPTIONS') this.stack.respond(transport, source, request, 200, 'OK');
        else if (['BYE', 'CANCEL', 'NOTIFY'].includes(request.method)) this.stack.respond(transport, source, request, 481, 'Call/Transaction Does Not Exist');
        else this.stack.respond(transport, source, request, 501, 'Not Implemented');
      },
      onStray2xx: (response) => this.signalling.get(response.headers.get('call-id') ?? '')?.call.retransmitted2xx(response),
    });
  }

  async placeCall(request: PlaceCallRequest): Promise<void> {
    const { callId } = request;
    const now = () => this.options.clock.now();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const call = new SipCall(this.stack, this.options.clock, request.to, request.from, {
      ringing: () => this.events.emit({ callId, type: 'ringing', at: now() }),
      answered: (at) => this.events.emit({ callId, type: 'answered', at }),
      ended: (outcome, ending) => this.report(callId, outcome, ending),
      released: () => {
        this.signalling.delete(call.sipCallId);
        release();
      },
    });
    this.live.set(callId, call);
    this.signalling.set(call.sipCallId, { call, released });
    this.events.emit({ callId, type: 'dialing', at: now() });
    await call.start(
      () => this.options.resolveTrunk(request.from),
      () => {
        const engines: ConversationEngines = { realtime: this.options.voiceEngine ?? null, speech: this.options.greetingSpeech ?? null, clock: this.options.clock };
        const plan = audioPlanFor(request, (this.options.audioPlan ?? silentPlan)(request), engines);
        return this.options.openMedia(plan, { bindAddress: this.bindAddress });
      },
    );
  }

  async hangup(callId: string): Promise<void> {
    await this.live.get(callId)?.hangup();
  }

  async status(callId: string): Promise<ProviderCallStatus> {
    return this.events.status(callId, this.live.has(callId));
  }

  onEvent(listener: (event: CallEvent) => void): () => void {
    return this.events.on(listener);
  }

  /** Hangs up every live call, lets their CANCEL/BYE finish (a few seconds at most), then closes the sockets. */
  async close(): Promise<void> {
    for (const callId of [...this.live.keys()]) await this.hangup(callId);
    const pending = [...this.signalling.values()];
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(pending.map((p) => p.released)), new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)))]);
    clearTimeout(timer);
    for (const { call } of [...this.signalling.values()]) call.release();
    this.events.clear();
    await this.stack.close();
  }

  private report(callId: string, outcome: CallOutcome, ending: CallEnding): void {
    this.live.delete(callId);
    this.events.emit({ callId, type: 'ended', at: this.options.clock.now(), outcome, ...ending });
  }

}
