import { describe, expect, it } from 'vitest';
import type { DncImportStore } from '../../main/compliance/dncImportStore';
import type { DncStore } from '../../main/compliance/dncStore';
import { freshFixtureEach, STORE_TEAMS } from './suiteFixtures';

const [TEAM, OTHER_TEAM] = STORE_TEAMS;
const T0 = Date.parse('2026-03-02T10:00:00Z');

export interface DncImportStoreFixture {
  store: DncImportStore;
  /** The same engine's lists, to read what the import wrote. */
  lists: DncStore;
  close(): Promise<void>;
}

const everything = { containing: '', limit: 100, offset: 0 };

/** What every DncImportStore does, whatever engine keeps it; `open` gives a store on an empty database where STORE_TEAMS exist. */
export function describeDncImportStore(engine: string, open: () => Promise<DncImportStoreFixture>): void {
  describe(`DncImportStore on ${engine}`, () => {
    let f: DncImportStoreFixture;
    let store: DncImportStore;
    freshFixtureEach(open, (fixture) => ((f = fixture), (store = fixture.store)));

    it("makes an empty list of the team, as made at its time, and not another team's", async () => {
      await store.createList(TEAM, 'dnc_a', 'Registry', T0);
      expect(await f.lists.list(TEAM, 'dnc_a')).toEqual({ id: 'dnc_a', name: 'Registry', numbers: 0, blockedContacts: 0, blockedEnrolments: 0, createdAt: T0, updatedAt: T0 });
      expect(await f.lists.hasList(OTHER_TEAM, 'dnc_a')).toBe(false);
    });

    it('adds a batch of numbers as added then, counting only those not on the list already', async () => {
      await store.createList(TEAM, 'dnc_a', 'Registry', T0);
      expect(await store.addNumbers(TEAM, 'dnc_a', ['+13055550102', '+13055550100'], T0 + 1)).toBe(2);
      expect(await store.addNumbers(TEAM, 'dnc_a', ['+13055550100', '+13055550101'], T0 + 2)).toBe(1);
      expect(await store.addNumbers(TEAM, 'dnc_a', [], T0 + 3)).toBe(0);
      expect((await f.lists.numbers(TEAM, 'dnc_a', everything)).items).toEqual([
        { e164: '+13055550100', addedAt: T0 + 1 },
        { e164: '+13055550101', addedAt: T0 + 2 },
        { e164: '+13055550102', addedAt: T0 + 1 },
      ]);
    });

    it('keeps the numbers of lists apart, one number on several', async () => {
      await store.createList(TEAM, 'dnc_a', 'Registry', T0);
      await store.createList(TEAM, 'dnc_b', 'Opt-outs', T0);
      await store.addNumbers(TEAM, 'dnc_a', ['+13055550100'], T0);
      expect(await store.addNumbers(TEAM, 'dnc_b', ['+13055550100', '+13055550101'], T0)).toBe(2);
      expect(await f.lists.list(TEAM, 'dnc_a')).toMatchObject({ numbers: 1 });
      expect(await f.lists.list(TEAM, 'dnc_b')).toMatchObject({ numbers: 2 });
    });

    it("adds a registry's worth of numbers in batches, each number once", async () => {
      await store.createList(TEAM, 'dnc_a', 'Registry', T0);
      const numbers = Array.from({ length: 3000 }, (_, i) => `+1305555${String(i).padStart(4, '0')}`);
      let added = 0;
      for (let from = 0; from < numbers.length; from += 1000) added += await store.addNumbers(TEAM, 'dnc_a', numbers.slice(from, from + 1000), T0);
      expect(added).toBe(3000);
      expect(await store.addNumbers(TEAM, 'dnc_a', numbers.slice(500, 1500), T0)).toBe(0);
      expect((await f.lists.numbers(TEAM, 'dnc_a', { containing: '', limit: 1, offset: 0 })).total).toBe(3000);
    });

    it("marks the team's list changed once its numbers are in, leaving when it was made; not another team's", async () => {
      await store.createList(TEAM, 'dnc_a', 'Registry', T0);
      await store.createList(OTHER_TEAM, 'dnc_other', 'Theirs', T0);
      await store.touchList(TEAM, 'dnc_a', T0 + 5);
      await store.touchList(TEAM, 'dnc_other', T0 + 5);
      expect(await f.lists.list(TEAM, 'dnc_a')).toMatchObject({ createdAt: T0, updatedAt: T0 + 5 });
      expect(await f.lists.list(OTHER_TEAM, 'dnc_other')).toMatchObject({ updatedAt: T0 });
    });
  });
}
