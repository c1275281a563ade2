import type { CallOutcome } from '../../../shared/campaigns/types';

/** Everything a provider needs to place one call. */
export interface PlaceCallRequest {
  /** Our id for the call (already recorded); every event carries it. */
  callId: string;
  from: string;
  to: string;
  attempt: number;
  assistant: {
    id: string;
    name: string;
    greeting: string | null;
    voicemailMessage: string | null;
    /** A voice agent to bridge the call's audio to (WebSocket, Media Streams shape). */
    agentUrl: string | null;
    /** Uploaded audio (media ids) played when there is no agent, and on voicemail. */
    greetingMediaId: string | null;
    voicemailMediaId: string | null;
    recordCalls: boolean;
  };
  voicemailAction: 'leave_message' | 'hangup';
}

export type CallEvent =
  | { callId: string; type: 'dialing' | 'ringing' | 'answered'; at: number }
  | {
      callId: string;
      type: 'ended';
      at: number;
      outcome: CallOutcome;
      error?: string;
      /** The person asked not to be called again (the agent heard it): DNC from now on, in every campaign. */
      optedOut?: boolean;
    };

/** What a provider knows of a call: still going, finished (with how), or nothing (e.g. after a restart). */
export type ProviderCallStatus = { state: 'active' } | { state: 'ended'; outcome: CallOutcome } | { state: 'unknown' };

/**
 * The telephony port every provider implements (simulator, SIP, cloud). A placed call always ends with
 * exactly one `ended` event; placeCall itself only fails for a call that never started.
 */
export interface TelephonyProvider {
  readonly name: string;
  placeCall(request: PlaceCallRequest): Promise<void>;
  /** Ends a call we placed; its `ended` event follows (outcome `cancelled` when it was not yet answered). */
  hangup(callId: string): Promise<void>;
  status(callId: string): Promise<ProviderCallStatus>;
  onEvent(listener: (event: CallEvent) => void): () => void;
  close(): Promise<void>;
}
