import type { Transport } from '../../../shared/contract/createApi';
import { REQUEST_SECRET_HEADER, SESSION_FRAGMENT_PARAM } from '../../../shared/contract/hostSession';
import type { Envelope } from '../../../shared/errors';

const SECRET_STORAGE_KEY = 'dialwell.requestSecret';

/**
 * Keeps the secret the host put in the fragment on the first visit, in this origin's storage (no
 * other port's page can read it; a reload or another tab finds it there), and clears the fragment.
 */
function takeSecretFromFragment(): void {
  const secret = new URLSearchParams(window.location.hash.slice(1)).get(SESSION_FRAGMENT_PARAM);
  if (!secret) return;
  window.localStorage.setItem(SECRET_STORAGE_KEY, secret);
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
}

/** The header that shows the host a request comes from its own page (read each time: a newer visit in another tab replaces it). */
export function requestSecretHeader(): Record<string, string> {
  return { [REQUEST_SECRET_HEADER]: window.localStorage.getItem(SECRET_STORAGE_KEY) ?? '' };
}

/**
 * The headless host's transport: POST /rpc/<channel> and server-sent events; the session cookie
 * carries the session, and every call the session's secret header.
 */
export function httpTransport(): Transport {
  takeSecretFromFragment();
  let source: EventSource | undefined;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  function ensureSource(event: string): void {
    source ??= new EventSource('/events');
    if (listeners.has(event)) return;
    listeners.set(event, new Set());
    source.addEventListener(event, (message) => {
      const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
      listeners.get(event)?.forEach((listener) => listener(payload));
    });
  }

  return {
    async invoke(channel, payload) {
      try {
        const response = await fetch(`/rpc/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...requestSecretHeader() },
          body: JSON.stringify(payload ?? {}),
        });
        return (await response.json()) as Envelope<unknown>;
      } catch {
        return { ok: false, error: { code: 'internal', message: 'Cannot reach Dialwell; is the host still running?' } };
      }
    },
    subscribe(event, listener) {
      ensureSource(event);
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)?.delete(listener);
    },
  };
}
