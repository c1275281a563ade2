import type { Core } from '../../main/core';
import { dispatch } from '../../main/ipc/dispatch';
import type { HandlerContext, HandlerTable } from '../../main/operations';
import type { Logger } from '../../main/platform/log';
import { isEventName } from '../../shared/contract/channels';
import { createApi, type Api, type Transport } from '../../shared/contract/createApi';

export interface InMemoryTransportOptions {
  /** The team the caller acts for; the core's local team unless given. */
  ctx?: HandlerContext;
  /** A handler table to dispatch to instead of the core's (to inject failures). */
  handlers?: HandlerTable;
  /** Where dispatch logs internal failures; the core's logger unless given. */
  log?: Logger;
}

/**
 * A transport that goes through the same dispatch() every real transport uses, with no process boundary.
 * Payloads, envelopes and pushes are structured-cloned, as Electron IPC does, so nothing but plain data
 * crosses (no class instances, no shared references).
 */
export function inMemoryTransport(core: Core, options: InMemoryTransportOptions = {}): Transport {
  const ctx = options.ctx ?? core.localTeam;
  const log = options.log ?? core.log;
  return {
    async invoke(channel, payload) {
      // the core's table is read per call, as the real transports do: a restored backup replaces it
      const envelope = await dispatch(options.handlers ?? core.handlers, channel, structuredClone(payload), ctx, log);
      return structuredClone(envelope);
    },
    subscribe(event, listener) {
      if (!isEventName(event)) return () => {};
      return core.services.events.on(event, (payload) => listener(structuredClone(payload)));
    },
  };
}

/** The typed client over an in-memory transport. */
export function inMemoryApi(core: Core, options: InMemoryTransportOptions = {}): Api {
  return createApi(inMemoryTransport(core, options));
}

/** Adds a second team with raw SQL (there is no service for teams yet) and returns its scope. */
export function addTeam(core: Core, teamId = 'team_other', name = 'Other team'): HandlerContext {
  core.services.store.sqlite
    .prepare('INSERT INTO teams (id, name, created_at) VALUES (?, ?, ?)')
    .run(teamId, name, Date.now());
  return { teamId };
}

/** Runs a promise expected to fail and returns the error it failed with. */
export async function failure(promise: Promise<unknown>): Promise<Error & { code?: string; fields?: Record<string, string> }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string; fields?: Record<string, string> };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
