import type { EventEmitter } from 'node:events';

/**
 * The first value `matches` accepts: among those already `seen`, else the first that `emitter` emits as `event`
 * from now on. For fakes that record what reaches them and let a test wait for what is still to come.
 */
export function firstArrival<T>(seen: readonly T[], emitter: EventEmitter, event: string, matches: (value: T) => boolean): Promise<T> {
  const known = seen.find(matches);
  if (known !== undefined) return Promise.resolve(known);
  return new Promise((resolve) => {
    const listener = (value: T) => {
      if (!matches(value)) return;
      emitter.off(event, listener);
      resolve(value);
    };
    emitter.on(event, listener);
  });
}
