import type { VoiceSessionFactory } from '../../../voice/engine';
import { VOICE_TOOL_NAMES } from '../../../voice/tools';
import type { Clock } from '../../clock';
import type { PlaceCallRequest } from '../port';
import { mediaStreamsEngine } from './agentBridge';
import type { ConversationPlan } from './endpoint';

export interface ConversationEngines {
  /** The built-in realtime engine; without one, a call that asks for it fails. */
  realtime: VoiceSessionFactory | null;
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
