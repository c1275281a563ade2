import { EventEmitter } from 'node:events';
import type { EventName, Events } from '../../shared/contract/channels';

/** Pushes from the core to whoever listens (IPC window, SSE clients, tests). */
export class EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    this.emitter.emit(event, payload);
  }

  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }
}
