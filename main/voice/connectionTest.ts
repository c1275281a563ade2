import { DEFAULT_OPENAI_BASE_URL, DEFAULT_REALTIME_MODEL, type ConnectionTestResult } from '../../shared/voice/settings';
import { NO_API_KEY, RealtimeSocket, unreachable } from './realtime/realtimeSocket';

/** Long enough for a slow network's TLS handshake, short enough for a button a person waits on. */
const DEFAULT_TIMEOUT_MS = 8_000;

export interface ConnectionTestOptions {
  apiKey?: string;
  /** DEFAULT_OPENAI_BASE_URL unless given. */
  baseUrl?: string;
  model?: string;
  timeoutMs?: number;
}

/** Opens a realtime session and waits for the engine to create it: the key, the address and the model all work. */
export function testRealtimeConnection(options: ConnectionTestOptions): Promise<ConnectionTestResult> {
  const { apiKey, baseUrl = DEFAULT_OPENAI_BASE_URL, model = DEFAULT_REALTIME_MODEL, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  if (!apiKey) return Promise.resolve({ ok: false, reason: NO_API_KEY });
  if (!URL.canParse(baseUrl)) return Promise.resolve({ ok: false, reason: unreachable('the base URL is not a URL') });
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: ConnectionTestResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void socket.close();
      resolve(result);
    };
    const socket = new RealtimeSocket(
      { apiKey, baseUrl, model },
      {
        onEvent: (event) => event.type === 'session.created' && settle({ ok: true }),
        onGone: (failure) => settle({ ok: false, reason: failure }),
      },
    );
    const timer = setTimeout(() => settle({ ok: false, reason: unreachable(`no session within ${timeoutMs / 1000} s`) }), timeoutMs);
  });
}
