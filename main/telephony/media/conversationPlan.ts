import type { VoiceSessionFactory } from '../../voice/engine';
import type { GreetingSpeech } from '../../voice/speech/greetingSpeech';
import { VOICE_TOOL_NAMES } from '../../voice/tools';
import type { Clock } from '../../platform/clock';
import type { PlaceCallRequest } from '../port';
import { mediaStreamsEngine } from './agentBridge';
import type { CallAudioPlan, ConversationPlan } from './endpoint';

export interface ConversationEngines {
  /** The built-in realtime engine; without one, a call that asks for it fails. */
  realtime: VoiceSessionFactory | null;
  /** Text to speech, for the audio engine's greeting text; without it, that text is not spoken. */
  speech: GreetingSpeech | null;
  clock: Clock;
}

/**
 * Who holds a call's conversation, from what the dialer asked for: the realtime model (offered transfer_call only
 * with a number to transfer to), the assistant's Media Streams agent at `agentUrl`, or nobody (audio). Throws, before
 * the call is placed, for an engine the call cannot have.
 */
export function conversationPlanOf(request: PlaceCallRequest, agentUrl: string | null, { realtime, clock }: ConversationEngines): ConversationPlan | null {
  const { conversation } = request;
  const { engine, transferNumber } = conversation;
  if (engine === 'audio') return null;
  const context = {
    instructions: conversation.instructions,
    greeting: conversation.greeting,
    tools: VOICE_TOOL_NAMES.filter((name) => name !== 'transfer_call' || transferNumber !== null),
    voice: conversation.voice,
    model: conversation.model,
    maxCallMs: conversation.maxCallMs,
  };
  if (engine === 'realtime') {
    if (!realtime) throw new Error('the realtime voice engine is not available to this provider');
    return { engine: realtime, context, voicemailMessage: conversation.voicemailMessage, transferNumber, clock };
  }
  if (!agentUrl) throw new Error('the assistant has no agent URL for its Media Streams engine');
  const call = { callId: request.callId, from: request.from, to: request.to };
  // an agent of its own says what it says: it is told the context, not given words to speak
  return { engine: mediaStreamsEngine(agentUrl, call, conversation.customParameters), context, voicemailMessage: null, transferNumber: null, clock };
}

/**
 * What the audio engine says when it has no greeting upload to play: its greeting text (rendered for the contact),
 * spoken in the assistant's voice. null for the other engines, with an upload, without text, or without a speech engine.
 */
export function spokenGreetingOf(request: PlaceCallRequest, greetingWav: string | null, { speech }: ConversationEngines): CallAudioPlan['spokenGreeting'] {
  const { engine, greeting, voice } = request.conversation;
  if (engine !== 'audio' || greetingWav || !speech || !greeting.trim()) return null;
  return (signal) => speech.speak(greeting, voice, signal);
}
