import { setTimeout as delay } from 'node:timers/promises';
import type { FakeRealtimeSession } from '../support/fakeRealtime';

/** μ-law of an agent's speech, told apart from silence (0xff) and from the other agent audio by `seed`. */
export const agentAudio = (ms: number, seed: number) => Buffer.from(Uint8Array.from({ length: ms * 8 }, (_, i) => 0x10 + ((i * seed) % 0x60)));

/** How long a few frames take to play out, with room for a shared machine. */
export const PLAYED_MS = 300;

/** The result the model was given for its tool call `callId`. */
export async function toolOutput(session: FakeRealtimeSession, callId: string): Promise<Record<string, string>> {
  const created = await session.next('conversation.item.create', (e) => e.item.type === 'function_call_output' && e.item.call_id === callId);
  return JSON.parse((created.item as { output: string }).output) as Record<string, string>;
}

/**
 * The callee's "Hello?" (its speech found 50 ms into the audio, once 200 ms have come: the far end's clip), then
 * the agent's greeting as `audio`, once it has played out.
 */
export async function helloThenGreeting(session: FakeRealtimeSession, greeting: string, audio: Buffer): Promise<void> {
  await session.audioReaches(200 * 8);
  session.emit({ type: 'input_audio_buffer.speech_started', audio_start_ms: 50, item_id: 'item_hello' });
  session.transcribe('item_hello', 'Hello?');
  session.say(greeting, audio);
  await delay(audio.length / 8 + PLAYED_MS);
}

/**
 * The callee says `text`, starting at the audio heard so far; resolves once a server VAD would have heard them
 * stop (what the model answers after). Its start is counted in received audio, which runs a few frames off the
 * wall clock the agent's turns are timed by: without the pause, the order of the two would be a race.
 */
export async function contactSays(session: FakeRealtimeSession, text: string): Promise<void> {
  session.transcribe(await session.speechStartsAfter(session.appendedAudio().length / 8), text);
  await delay(PLAYED_MS);
}
