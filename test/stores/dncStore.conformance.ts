import { describe, expect, it } from 'vitest';
import type { DncStore } from '../../main/compliance/dncStore';
import { freshFixtureEach, STORE_TEAMS } from './suiteFixtures';

const [TEAM, OTHER_TEAM] = STORE_TEAMS;
const T0 = Date.parse('2026-03-02T10:00:00Z');

/** How a contact stands in a campaign: waiting, or skipped and why. */
export interface Enrolment {
  status: 'pending' | 'skipped';
  skipReason: 'dnc_list' | 'do_not_call' | null;
}

/** What the suite needs made that a DncStore does not make itself. */
export interface DncSeed {
  /** An empty list of the team made at `at`, as the engine's import makes a new one. */
  list(teamId: string, id: string, name: string, at: number): Promise<void>;
  /** A contact of the team with this phone, enrolled in a new campaign of the team when `enrolment` is given. */
  contactWithPhone(teamId: string, phone: string, enrolment?: Enrolment): Promise<void>;
}

export interface DncStoreFixture {
  store: DncStore;
  seed: DncSeed;
  close(): Promise<void>;
}

const empty = (id: string, name: string, at = T0) => ({ id, name, numbers: 0, blockedContacts: 0, blockedEnrolments: 0, createdAt: at, updatedAt: at });

/** What every DncStore does, whatever engine keeps it; `open` gives a store on an empty database where STORE_TEAMS exist. */
export function describeDncStore(engine: string, open: () => Promise<DncStoreFixture>): void {
  describe(`DncStore on ${engine}`, () => {
    let f: DncStoreFixture;
    let store: DncStore;
    freshFixtureEach(open, (fixture) => ((f = fixture), (store = fixture.store)));

    /** The team's list `id` with `numbers` on it, each added at T0. */
    const listWith = async (teamId: string, id: string, name: string, numbers: string[] = []) => {
      await f.seed.list(teamId, id, name, T0);
      for (const e164 of numbers) await store.addNumber(teamId, id, e164, T0);
    };

    describe('lists', () => {
      it("lists a team's lists by name, each as made, without another team's", async () => {
        await listWith(TEAM, 'dnc_b', 'Registry');
        await listWith(OTHER_TEAM, 'dnc_other', 'Also theirs');
        await listWith(TEAM, 'dnc_a', 'Opt-outs');
        expect(await store.lists(TEAM)).toEqual([empty('dnc_a', 'Opt-outs'), empty('dnc_b', 'Registry')]);
        expect(await store.list(TEAM, 'dnc_b')).toEqual(empty('dnc_b', 'Registry'));
        expect(await store.lists('team_nobody')).toEqual([]);
      });

      it("knows a team's list by id and by exact name, and not another team's", async () => {
        await listWith(TEAM, 'dnc_a', 'Registry');
        await listWith(OTHER_TEAM, 'dnc_other', 'Theirs');
        expect(await store.hasList(TEAM, 'dnc_a')).toBe(true);
        expect(await store.hasList(TEAM, 'dnc_other')).toBe(false);
        expect(await store.hasList(TEAM, 'dnc_missing')).toBe(false);
        expect(await store.list(TEAM, 'dnc_other')).toBeUndefined();
        expect(await store.listNamed(TEAM, 'Registry')).toBe('dnc_a');
        expect(await store.listNamed(TEAM, 'Regis')).toBeUndefined();
        expect(await store.listNamed(TEAM, 'Theirs')).toBeUndefined();
      });

      it('renames a list as changed then, keeping when it was made; not another team’s', async () => {
        await listWith(TEAM, 'dnc_a', 'Registry');
        await listWith(OTHER_TEAM, 'dnc_other', 'Theirs');
        expect(await store.rename(TEAM, 'dnc_a', 'Renamed', T0 + 5)).toBe(true);
        expect(await store.list(TEAM, 'dnc_a')).toEqual({ ...empty('dnc_a', 'Renamed'), updatedAt: T0 + 5 });
        expect(await store.listNamed(TEAM, 'Renamed')).toBe('dnc_a');
        expect(await store.listNamed(TEAM, 'Registry')).toBeUndefined();
        expect(await store.rename(TEAM, 'dnc_other', 'Taken', T0 + 6)).toBe(false);
        expect(await store.rename(TEAM, 'dnc_missing', 'Nothing', T0 + 6)).toBe(false);
        expect(await store.list(OTHER_TEAM, 'dnc_other')).toEqual(empty('dnc_other', 'Theirs'));
      });

      it('deletes a list with its numbers, once, leaving the other lists as they were', async () => {
        await listWith(TEAM, 'dnc_a', 'Registry', ['+13055550100', '+13055550101']);
        await listWith(TEAM, 'dnc_b', 'Opt-outs', ['+13055550100']);
        await listWith(OTHER_TEAM, 'dnc_other', 'Theirs', ['+13055550100']);
        expect(await store.remove(OTHER_TEAM, 'dnc_a')).toBe(false);
        expect(await store.remove(TEAM, 'dnc_a')).toBe(true);
        expect(await store.remove(TEAM, 'dnc_a')).toBe(false);
        expect(await store.hasList(TEAM, 'dnc_a')).toBe(false);
        expect(await store.numbers(TEAM, 'dnc_a', { containing: '', limit: 10, offset: 0 })).toEqual({ items: [], total: 0 });
        // a list made again under the old id starts empty: the numbers went with the list
        await f.seed.list(TEAM, 'dnc_a', 'Registry', T0 + 1);
        expect(await store.list(TEAM, 'dnc_a')).toMatchObject({ numbers: 0 });
        expect((await store.lists(TEAM)).map((l) => [l.id, l.numbers])).toEqual([['dnc_b', 1], ['dnc_a', 0]]);
        expect(await store.list(OTHER_TEAM, 'dnc_other')).toMatchObject({ numbers: 1 });
      });

      it("counts the team's contacts on the list, and their enrolments skipped for it", async () => {
        await listWith(TEAM, 'dnc_a', 'Registry', ['+13055550100', '+13055550101', '+13055550102']);
        const skippedAsListed = { status: 'skipped', skipReason: 'dnc_list' } as const;
        await f.seed.contactWithPhone(TEAM, '+13055550100', skippedAsListed);
        await f.seed.contactWithPhone(TEAM, '+13055550101', { status: 'pending', skipReason: null });
        await f.seed.contactWithPhone(TEAM, '+13055550102', { status: 'skipped', skipReason: 'do_not_call' });
        await f.seed.contactWithPhone(TEAM, '+13055550199', skippedAsListed);
        await f.seed.contactWithPhone(OTHER_TEAM, '+13055550100', skippedAsListed);
        expect(await store.list(TEAM, 'dnc_a')).toMatchObject({ numbers: 3, blockedContacts: 3, blockedEnrolments: 1 });
      });
    });

    describe('numbers', () => {
      it('adds a number once, the list changed each time it is asked', async () => {
        await listWith(TEAM, 'dnc_a', 'Registry');
        expect(await store.addNumber(TEAM, 'dnc_a', '+13055550100', T0 + 1)).toBe(true);
        expect(await store.addNumber(TEAM, 'dnc_a', '+13055550100', T0 + 2)).toBe(false);
        expect(await store.list(TEAM, 'dnc_a')).toMatchObject({ numbers: 1, createdAt: T0, updatedAt: T0 + 2 });
        expect((await store.numbers(TEAM, 'dnc_a', { containing: '', limit: 10, offset: 0 })).items).toEqual([{ e164: '+13055550100', addedAt: T0 + 1 }]);
      });

      it('keeps one number on several lists apart', async () => {
        await listWith(TEAM, 'dnc_a', 'Registry', ['+13055550100']);
        await listWith(TEAM, 'dnc_b', 'Opt-outs');
        expect(await store.addNumber(TEAM, 'dnc_b', '+13055550100', T0 + 1)).toBe(true);
        expect(await store.removeNumber(TEAM, 'dnc_a', '+13055550100', T0 + 2)).toBe(true);
        expect(await store.list(TEAM, 'dnc_b')).toMatchObject({ numbers: 1 });
      });

      it("does not add to, read or take from another team's list", async () => {
        await listWith(OTHER_TEAM, 'dnc_other', 'Theirs', ['+13055550100']);
        expect(await store.addNumber(TEAM, 'dnc_other', '+13055550111', T0 + 1)).toBe(false);
        expect(await store.removeNumber(TEAM, 'dnc_other', '+13055550100', T0 + 1)).toBe(false);
        expect(await store.numbers(TEAM, 'dnc_other', { containing: '', limit: 10, offset: 0 })).toEqual({ items: [], total: 0 });
        expect(await store.list(OTHER_TEAM, 'dnc_other')).toEqual({ ...empty('dnc_other', 'Theirs'), numbers: 1 });
      });

      it('reads a page of numbers in order, those containing the text, with how many match in all', async () => {
        const numbers = ['+13055550103', '+12125550100', '+13055550101', '+442071234567', '+13055550102'];
        await listWith(TEAM, 'dnc_a', 'Registry', numbers);
        const all = await store.numbers(TEAM, 'dnc_a', { containing: '', limit: 2, offset: 0 });
        expect(all).toEqual({ items: [{ e164: '+12125550100', addedAt: T0 }, { e164: '+13055550101', addedAt: T0 }], total: 5 });
        const next = await store.numbers(TEAM, 'dnc_a', { containing: '', limit: 2, offset: 2 });
        expect(next.items.map((n) => n.e164)).toEqual(['+13055550102', '+13055550103']);
        const found = await store.numbers(TEAM, 'dnc_a', { containing: '305', limit: 2, offset: 1 });
        expect(found).toEqual({ items: [{ e164: '+13055550102', addedAt: T0 }, { e164: '+13055550103', addedAt: T0 }], total: 3 });
        expect((await store.numbers(TEAM, 'dnc_a', { containing: '3055550101', limit: 10, offset: 0 })).total).toBe(1);
        // the text is taken as it is, not as a pattern
        expect((await store.numbers(TEAM, 'dnc_a', { containing: '%', limit: 10, offset: 0 })).total).toBe(0);
        expect((await store.numbers(TEAM, 'dnc_a', { containing: '+1_05', limit: 10, offset: 0 })).total).toBe(0);
      });

      it('takes a number off once, the list changed only when it did', async () => {
        await listWith(TEAM, 'dnc_a', 'Registry', ['+13055550100', '+13055550101']);
        expect(await store.removeNumber(TEAM, 'dnc_a', '+13055550100', T0 + 1)).toBe(true);
        expect(await store.removeNumber(TEAM, 'dnc_a', '+13055550100', T0 + 2)).toBe(false);
        expect(await store.list(TEAM, 'dnc_a')).toMatchObject({ numbers: 1, updatedAt: T0 + 1 });
        expect((await store.numbers(TEAM, 'dnc_a', { containing: '', limit: 10, offset: 0 })).items.map((n) => n.e164)).toEqual(['+13055550101']);
      });
    });
  });
}
