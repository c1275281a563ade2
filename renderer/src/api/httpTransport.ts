import type { Transport } from '../../../shared/contract/createApi';
import type { Envelope } from '../../../shared/errors';

/** The headless host's transport: POST /rpc/<channel> and server-sent events; the session cookie carries the token. */
export function httpTransport(): Transport {
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
          headers: { 'content-type': 'application/json' },
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
