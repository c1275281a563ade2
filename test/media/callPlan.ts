import { realClock } from '../../main/platform/clock';
import { mediaStreamsEngine } from '../../main/telephony/media/agentBridge';
import type { CallAudioPlan, CallReport, ConversationPlan } from '../../main/telephony/media/endpoint';
import { VOICE_TOOL_NAMES } from '../../main/voice/tools';

/** A call's audio plan that plays, converses, detects and records nothing, but for `overrides`. */
export function callPlan(overrides: Partial<CallAudioPlan> = {}): CallAudioPlan {
  return {
    callId: 'call_1', from: '+15550001', to: '+15550002', conversation: null, greetingWav: null, spokenGreeting: null, voicemailWav: null,
    voicemailAction: 'leave_message', amd: null, recordingPath: null, ...overrides,
  };
}

/** A media report that found nothing (no machine, no opt-out, no conversation), but for `overrides`. */
export function mediaReport(overrides: Partial<CallReport> = {}): CallReport {
  return { voicemail: false, optedOut: false, transferred: false, failure: null, amd: null, transcript: [], tools: [], callback: null, ...overrides };
}

/** What a conversation's session starts with in these tests. */
export const TEST_CONTEXT: ConversationPlan['context'] = {
  instructions: 'You are Ava from Acme.',
  greeting: 'Hi, this is Ava from Acme.',
  tools: VOICE_TOOL_NAMES,
  voice: 'marin',
  model: 'gpt-realtime',
  maxCallMs: 600_000,
};

/** callPlan(overrides) bridged to the Media Streams agent at `agentUrl`, which is told `customParameters`. */
export function agentCallPlan(agentUrl: string, overrides: Partial<CallAudioPlan> = {}, customParameters: Record<string, string> = {}): CallAudioPlan {
  const plan = callPlan(overrides);
  const engine = mediaStreamsEngine(agentUrl, plan, customParameters);
  return { ...plan, conversation: { engine, context: TEST_CONTEXT, voicemailMessage: null, transferNumber: null, clock: realClock() } };
}
