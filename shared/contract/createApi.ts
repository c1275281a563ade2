import { AppError, type Envelope } from '../errors';
import type { Channel, EventName, Events, RequestOf, ResponseOf } from './channels';

/** How requests and pushes travel: Electron IPC, HTTP + server-sent events, or in memory for tests. */
export interface Transport {
  invoke(channel: string, payload: unknown): Promise<Envelope<unknown>>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

export interface Api {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

/** The typed client every side uses; errors from main arrive as AppError with their fields. */
export function createApi(transport: Transport): Api {
  return {
    async invoke(channel, request) {
      const envelope = await transport.invoke(channel, request);
      if (envelope.ok) return envelope.value as never;
      throw new AppError(envelope.error.code, envelope.error.message, envelope.error.fields);
    },
    on(event, listener) {
      return transport.subscribe(event, listener as (payload: unknown) => void);
    },
  };
}
