import WebSocket from 'ws';
import type { VoiceEngine } from '../../shared/assistants/engines';
import { testRealtimeConnection } from '../voice/connectionTest';
import type { OpenAiConnection } from '../voice/voiceSettings';

/** What is tried: the assistant's engine and where it lives. */
export interface EngineTarget {
  engine: VoiceEngine;
  /** The stored agent URL, credentials and all (media-streams). */
  agentUrl: string | null;
  realtimeModel: string;
  /** The greeting text (a template) and its upload: what the audio engine plays, or speaks without an upload. */
  greeting: string | null;
  greetingMediaId: string | null;
}

/** The launch check waits this long for an engine: a person is looking at the dialog. */
const REACH_TIMEOUT_MS = 4_000;
/** An answer is reused this long: the dialog asks again on every change, and a realtime session costs a handshake. */
const ANSWER_TTL_MS = 30_000;

/** Whether a WebSocket at `url` accepts a connection within the timeout (it is closed again at once). */
export function agentAnswers(url: string, timeoutMs = REACH_TIMEOUT_MS): Promise<boolean> {
  return new Promise((resolve) => {
    let socket: WebSocket;
    try {
      socket = new WebSocket(url, { handshakeTimeout: timeoutMs });
    } catch {
      return resolve(false);
    }
    const done = (reached: boolean) => {
      socket.removeAllListeners();
      // a late error of the closing socket has nowhere to go
      socket.on('error', () => undefined);
      socket.terminate();
      resolve(reached);
    };
    socket.once('open', () => done(true));
    socket.once('unexpected-response', () => done(false));
    socket.once('error', () => done(false));
  });
}

/** The audio engine plays its upload, or can speak its greeting text (a key is in force). */
function audioHasSomethingToSay({ greeting, greetingMediaId }: EngineTarget, connection: () => OpenAiConnection): boolean {
  if (greetingMediaId) return true;
  if (!greeting?.trim()) return false;
  try {
    return connection().apiKey !== undefined;
  } catch {
    return false;
  }
}

export interface EngineProbeDeps {
  /** The OpenAI key and base URL in force; throws when the saved key cannot be opened here. */
  realtimeConnection(): OpenAiConnection;
  now(): number;
  timeoutMs?: number;
}

/**
 * Whether an assistant's engine can be reached now: its agent accepts a WebSocket (media-streams), or a realtime
 * session opens with the key and model in force (realtime). For audio: null when it plays its upload, or speaks its
 * greeting text with a key in force (not tried: a speech request costs money); false when it has neither upload nor
 * text, or its text cannot be spoken without a key.
 */
export function createEngineProbe({ realtimeConnection, now, timeoutMs = REACH_TIMEOUT_MS }: EngineProbeDeps) {
  const answers = new Map<string, { at: number; reached: Promise<boolean> }>();

  /** The answer for `key`, asked afresh once the last one is older than the TTL. */
  function cached(key: string, ask: () => Promise<boolean>): Promise<boolean> {
    const known = answers.get(key);
    if (known && now() - known.at < ANSWER_TTL_MS) return known.reached;
    const reached = ask();
    answers.set(key, { at: now(), reached });
    return reached;
  }

  return (target: EngineTarget): Promise<boolean | null> => {
    if (target.engine === 'audio') return Promise.resolve(audioHasSomethingToSay(target, realtimeConnection) ? null : false);
    if (target.engine === 'media-streams') {
      const url = target.agentUrl;
      return url ? cached(`agent ${url}`, () => agentAnswers(url, timeoutMs)) : Promise.resolve(false);
    }
    let connection: OpenAiConnection;
    try {
      connection = realtimeConnection();
    } catch {
      return Promise.resolve(false);
    }
    // a key or address saved since is another question
    const key = `realtime ${connection.baseUrl} ${target.realtimeModel} ${connection.apiKey ?? ''}`;
    return cached(key, () => testRealtimeConnection({ ...connection, model: target.realtimeModel, timeoutMs }).then((result) => result.ok));
  };
}

export type EngineProbe = ReturnType<typeof createEngineProbe>;
