import { unsafeUniformIntDistribution, type RandomGenerator } from 'pure-rand';
import type { TranscriptTurn } from '../voice/engine';
import type { CallConversation, CallToolUse } from './port';

/**
 * What the people of simulated answered calls ask for: shares in [0, 1] of the calls a person answers (together at
 * most 1; a transfer only where the assistant has a number to transfer to), and how far ahead a callback asks.
 */
export interface SimulatedTalk {
  optOutRate: number;
  callbackRate: number;
  transferRate: number;
  callbackInMinutes: number;
}

/** What the app's own simulator draws: enough of each tool that a demo shows all of them. */
export const DEFAULT_TALK: SimulatedTalk = { optOutRate: 0.03, callbackRate: 0.1, transferRate: 0.05, callbackInMinutes: 120 };

/** How a simulated conversation ends: one of the tools the person asks for, a goodbye, or an answering machine talked to. */
type Ending = 'opt_out' | 'schedule_callback' | 'transfer_call' | 'goodbye' | 'machine';

/** A simulated conversation, offsets in ms from the answer in the call's own time (before any time scale). */
export interface TalkPlan {
  turns: TranscriptTurn[];
  tools: { offsetMs: number; use: Omit<CallToolUse, 'at'> }[];
}

export interface TalkCall {
  conversation: CallConversation;
  /** From the answer to the end of the call. */
  talkMs: number;
  /** When the agent starts speaking, from the answer (after detection, when it ran). */
  firstWordMs: number;
  /** Who answered: a person, or a machine detection took for one. */
  truth: 'human' | 'machine';
  /** This person asks not to be called again, whatever the draw. */
  optsOut: boolean;
  /** The instant the callback's tool is called at, for a callback asked as an ISO-8601 instant. */
  instantAt(offsetMs: number): number;
}

const OPENERS = ['Hello?', 'Yes, speaking.', 'Hi, who is this?', 'Oh, hi.', 'Yeah, hello.', 'Speaking, go ahead.'];
const REPLIES = [
  'Sure, go ahead.',
  'Okay, what is this about?',
  'I have a couple of minutes.',
  'Can you tell me a bit more?',
  'That sounds interesting.',
  'How much would that cost?',
  'We already have something like that.',
  'Right, I remember now.',
  'Hmm, I am not sure.',
];
const AGENT_REPLIES = [
  'Of course, it only takes a minute.',
  'That is a fair question.',
  'Thanks for asking. Let me explain briefly.',
  'Great. I can send the details by email as well.',
  'I understand. Many people felt the same at first.',
  'Good to hear.',
];
const PURPOSE = 'I am calling with a quick question, if you have a moment.';
/** What the person says to end the call each way, and what the agent answers. */
const ENDINGS: Record<Exclude<Ending, 'machine' | 'schedule_callback'>, { contact: string[]; agent: string }> = {
  goodbye: { contact: ['Thanks, that is all for now.', 'Okay, sounds good. Thanks.', 'Alright, thank you.'], agent: 'Thank you for your time. Goodbye!' },
  opt_out: { contact: ['Please take me off your list.', 'Do not call me again, please.', 'I am not interested. Remove my number.'], agent: 'Understood, you will not be called again. Goodbye.' },
  transfer_call: { contact: ['Can I speak to a real person?', 'I would rather talk to someone on your team.', 'Could you put me through to a colleague?'], agent: 'Of course, I am transferring you now. One moment.' },
};
const INTERRUPTED_SHARE = 0.15;

const int = (rng: RandomGenerator, min: number, max: number) => unsafeUniformIntDistribution(min, max, rng);
const roll = (rng: RandomGenerator) => int(rng, 0, 999_999) / 1_000_000;
const pick = <T>(rng: RandomGenerator, list: readonly T[]): T => list[int(rng, 0, list.length - 1)];

/** "2 hours", "30 minutes", "1 day": how a person says how far ahead. */
function spokenSpan(minutes: number): string {
  const [n, unit] = minutes % 1440 === 0 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** The prompt's opening sentence when it is in the agent's own voice ("I am calling about …"): what the agent says next. */
function purposeOf(instructions: string): string {
  const first = /^[^.!?]*[.!?]/.exec(instructions.trim())?.[0];
  return first && /^(I|I'm|I am|We|We're|We are)\b/.test(first) ? first : PURPOSE;
}

function endingOf(rng: RandomGenerator, call: TalkCall, talk: SimulatedTalk): Ending {
  if (call.truth === 'machine') return 'machine';
  const draw = roll(rng);
  if (call.optsOut || draw < talk.optOutRate) return 'opt_out';
  if (draw < talk.optOutRate + talk.callbackRate) return 'schedule_callback';
  if (draw < talk.optOutRate + talk.callbackRate + talk.transferRate && call.conversation.transferNumber) return 'transfer_call';
  return 'goodbye';
}

/**
 * A plausible conversation for a simulated answered call: the agent says the rendered greeting, the person answers
 * from a small phrase bank, a few exchanges fill the talk time (some agent turns cut short by the person), and the
 * person ends it by asking for one of the tools at the scenario's rates, or by saying goodbye. Every draw comes from
 * `rng`, the conversation's own stream.
 */
export function planTalk(rng: RandomGenerator, call: TalkCall, talk: SimulatedTalk): TalkPlan {
  const { conversation } = call;
  const firstName = conversation.customParameters.firstName ?? '';
  const ending = endingOf(rng, call, talk);
  const said: { speaker: TranscriptTurn['speaker']; text: string }[] = [{ speaker: 'agent', text: conversation.greeting.trim() || `Hello${firstName ? `, ${firstName}` : ''}.` }];
  if (ending === 'machine') {
    said.push({ speaker: 'contact', text: `Hi, you have reached ${firstName || 'this number'}. Please leave a message after the tone.` });
  } else {
    said.push({ speaker: 'contact', text: pick(rng, OPENERS) }, { speaker: 'agent', text: purposeOf(conversation.instructions) });
    const exchanges = Math.min(5, Math.floor(call.talkMs / 25_000));
    for (let i = 0; i < exchanges; i++) said.push({ speaker: 'contact', text: pick(rng, REPLIES) }, { speaker: 'agent', text: pick(rng, AGENT_REPLIES) });
    if (ending === 'schedule_callback') {
      said.push({ speaker: 'contact', text: `I am busy right now. Can you call me back in ${spokenSpan(talk.callbackInMinutes)}?` });
      said.push({ speaker: 'agent', text: `No problem${firstName ? `, ${firstName}` : ''}. I will call you back then. Bye for now.` });
    } else {
      said.push({ speaker: 'contact', text: pick(rng, ENDINGS[ending].contact) }, { speaker: 'agent', text: ENDINGS[ending].agent });
    }
  }
  const turns = timed(rng, said, call);
  return { turns, tools: toolsOf(rng, ending, turns, call, talk) };
}

/** Offsets spread over the talk time with some jitter; an agent turn the person spoke over is cut short. */
function timed(rng: RandomGenerator, said: { speaker: TranscriptTurn['speaker']; text: string }[], call: TalkCall): TranscriptTurn[] {
  const start = Math.min(call.firstWordMs, Math.floor(call.talkMs * 0.3));
  const step = (call.talkMs * 0.9 - start) / said.length;
  const turns = said.map((turn, i) => ({ ...turn, offsetMs: Math.round(start + i * step + roll(rng) * step * 0.3), interrupted: false }));
  for (let i = 2; i < turns.length - 1; i++) {
    if (turns[i].speaker !== 'agent' || roll(rng) >= INTERRUPTED_SHARE) continue;
    const words = turns[i].text.split(' ');
    turns[i] = { ...turns[i], text: `${words.slice(0, Math.ceil(words.length / 2)).join(' ')}…`, interrupted: true };
    // the person spoke up before the agent was done
    turns[i + 1].offsetMs = Math.round((turns[i].offsetMs + turns[i + 1].offsetMs) / 2);
  }
  return turns;
}

/** The tool the agent calls for the ending: between the person's last words and its own (end_call after its goodbye). */
function toolsOf(rng: RandomGenerator, ending: Ending, turns: TranscriptTurn[], call: TalkCall, talk: SimulatedTalk): TalkPlan['tools'] {
  if (ending === 'machine') return [];
  const [asked, answered] = turns.slice(-2).map((t) => t.offsetMs);
  const between = Math.round((asked + answered) / 2);
  switch (ending) {
    case 'goodbye':
      return [{ offsetMs: Math.round((answered + call.talkMs) / 2), use: { name: 'end_call', arguments: { reason: 'the conversation is over' }, result: 'hung up' } }];
    case 'opt_out':
      return [{ offsetMs: between, use: { name: 'opt_out', arguments: {}, result: 'opted out' } }];
    case 'transfer_call':
      return [{ offsetMs: between, use: { name: 'transfer_call', arguments: { reason: 'asked to speak to a person' }, result: 'transferred' } }];
    case 'schedule_callback': {
      // models say when as an instant or as "in N minutes": both are drawn
      const minutes = talk.callbackInMinutes;
      const at = roll(rng) < 0.5 ? `in ${minutes} minutes` : new Date(call.instantAt(between) + minutes * 60_000).toISOString();
      return [{ offsetMs: between, use: { name: 'schedule_callback', arguments: { at, note: 'asked to be called back' }, result: 'scheduled' } }];
    }
  }
}
