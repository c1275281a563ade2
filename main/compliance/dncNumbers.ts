import type { DncNumberQuery, DncNumberRequest } from '../../shared/compliance/schemas';
import type { DncNumber } from '../../shared/compliance/types';
import type { Page } from '../../shared/crm/types';
import { AppError } from '../../shared/errors';
import type { TeamScope } from '../crm/context';
import { iso } from '../db/instants';
import type { DncStore } from './dncStore';

/** One list's numbers, looked at and changed one at a time (a file of numbers goes through the list import). */
export function createDncNumberService({ store, now }: { store: DncStore; now: () => number }) {
  async function ownList(team: TeamScope, listId: string): Promise<void> {
    if (!(await store.hasList(team.teamId, listId))) throw AppError.notFound('DNC list', listId);
  }

  return {
    /** The numbers, in order, those containing `search`'s digits when it is given. */
    async numbers(team: TeamScope, query: DncNumberQuery): Promise<Page<DncNumber>> {
      await ownList(team, query.listId);
      const { limit, offset } = query;
      const found = await store.numbers(team.teamId, query.listId, { containing: (query.search ?? '').replace(/\D/g, ''), limit, offset });
      const items = found.items.map((n) => ({ number: n.e164, addedAt: iso(n.addedAt) }));
      return { items, total: found.total, totalIsCapped: false, limit, offset };
    },

    /** Puts one number on the list; `added` is false when it was there already. */
    async add(team: TeamScope, request: DncNumberRequest): Promise<{ number: string; added: boolean }> {
      await ownList(team, request.listId);
      return { number: request.number, added: await store.addNumber(team.teamId, request.listId, request.number, now()) };
    },

    /** Takes one number off the list: it may be called again, unless another list or the contact's own flag says no. */
    async remove(team: TeamScope, request: DncNumberRequest): Promise<{ number: string }> {
      await ownList(team, request.listId);
      if (!(await store.removeNumber(team.teamId, request.listId, request.number, now()))) throw AppError.notFound('Number on this list', request.number);
      return { number: request.number };
    },
  };
}

export type DncNumberService = ReturnType<typeof createDncNumberService>;
