import type { VoiceEngine } from '../../shared/assistants/engines';
import type { AmdResult, AmdSettings } from '../../shared/campaigns/amdSettings';
import type { CallOutcome } from '../../shared/campaigns/types';
import type { TranscriptTurn } from '../voice/engine';
import type { VoiceToolName } from '../voice/tools';

/** What the assistant does on one call, its templates already rendered for this contact. */
export interface CallConversation {
  /**
   * Who talks: `realtime`, the built-in speech-to-speech model; `media-streams`, the assistant's own agent at its
   * agentUrl; `audio`, nobody (the uploaded greeting is played, or else the greeting text spoken).
   */
  engine: VoiceEngine;
  /** The rendered prompt: the model's instructions. */
  instructions: string;
  /** The rendered greeting, said first once the callee is known to be a person. */
  greeting: string;
  /** The rendered voicemail message: what the realtime engine says to an answering machine when no voicemail audio is uploaded. */
  voicemailMessage: string;
  /** The realtime model and voice. */
  model: string;
  voice: string;
  /** The conversation ends the call this long after the answer. */
  maxCallMs: number;
  /** Where transfer_call hands the person on (E.164); null: the model is not offered the tool. */
  transferNumber: string | null;
  /**
   * The call's context for a Media Streams agent, in its `start.customParameters` beside `from` and `to`: the
   * rendered variables, campaignId, contactId, callId, attempt, prompt and greeting, each a string.
   */
  customParameters: Record<string, string>;
}

/** A tool the model (or the agent) called during the call, and what came of it. */
export interface CallToolUse {
  name: VoiceToolName;
  /** The arguments as the model gave them (checked against the tool's schema). */
  arguments: Record<string, unknown>;
  /** When it was called (UTC ms). */
  at: number;
  /** What came of it, in words: what the app did ("scheduled", "transferred"), or the error the model was told. */
  result: string;
}

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
  /** Answering-machine detection on the answered call's audio with these thresholds; null: off (the agent alone decides). */
  voicemailDetection: AmdSettings | null;
  conversation: CallConversation;
}

export type CallEvent =
  | { callId: string; type: 'dialing' | 'ringing' | 'answered'; at: number }
  | {
      callId: string;
      type: 'ended';
      at: number;
      /** `transferred`: the person was handed on to the transfer number (SIP REFER accepted). */
      outcome: CallOutcome;
      error?: string;
      /** The person asked not to be called again (the agent heard it): DNC from now on, in every campaign. */
      optedOut?: boolean;
      /** What answering-machine detection found, when it ran on this call. */
      amd?: AmdResult;
      /** The conversation's turns, in order (when there was a conversation with words in it). */
      transcript?: TranscriptTurn[];
      /** The tools called during the call, in order, each with what came of it. */
      tools?: CallToolUse[];
      /**
       * The person asked to be called back (schedule_callback): `at` as the model gave it, an ISO-8601 instant or
       * "in N minutes/hours/days", to be read against the call's end and clamped into the campaign's hours.
       */
      callback?: { at: string; note: string };
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
