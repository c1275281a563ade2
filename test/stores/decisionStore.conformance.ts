import { beforeEach, describe, expect, it } from 'vitest';
import type { DecisionContact, DecisionStore, StoredDecision, TrailEntry } from '../../main/compliance/decisionStore';
import { freshFixtureEach, STORE_TEAMS } from './suiteFixtures';

const [TEAM, OTHER_TEAM] = STORE_TEAMS;
const T0 = Date.parse('2026-03-02T10:00:00Z');
const HOUR = 3_600_000;

/** What the suite needs made that a DecisionStore, which only reads, does not make. */
export interface DecisionSeed {
  /** A campaign of the team (deleted when asked); its id. */
  campaign(teamId: string, options?: { deleted?: boolean }): Promise<string>;
  /** A contact of the team; its id. */
  contact(teamId: string, contact: DecisionContact): Promise<string>;
  removeContact(contactId: string): Promise<void>;
  /** Decisions of the team, appended in this order as the dial-time checks write them (repeats included). */
  decisions(teamId: string, decisions: StoredDecision[]): Promise<void>;
}

export interface DecisionStoreFixture {
  store: DecisionStore;
  seed: DecisionSeed;
  close(): Promise<void>;
}

async function collect(trail: AsyncIterable<TrailEntry>): Promise<TrailEntry[]> {
  const entries: TrailEntry[] = [];
  for await (const entry of trail) entries.push(entry);
  return entries;
}

/** What every DecisionStore does, whatever engine keeps it; `open` gives a store on an empty database where STORE_TEAMS exist. */
export function describeDecisionStore(engine: string, open: () => Promise<DecisionStoreFixture>): void {
  describe(`DecisionStore on ${engine}`, () => {
    let f: DecisionStoreFixture;
    let store: DecisionStore;
    let campaignId: string;
    freshFixtureEach(open, (fixture) => ((f = fixture), (store = fixture.store)));
    beforeEach(async () => {
      campaignId = await f.seed.campaign(TEAM);
    });

    const hold = (contactId: string | null, at: number, reason = 'outside legal hours'): StoredDecision =>
      ({ campaignId, contactId, at, kind: 'hold', rule: 'legal_hours', reason, until: at + HOUR });
    const skip = (contactId: string | null, at: number): StoredDecision =>
      ({ campaignId, contactId, at, kind: 'skip', rule: 'dnc_list', reason: "on DNC list 'Registry'", until: null });
    const firstPage = { limit: 10, offset: 0, countUpTo: 100 };

    it("knows the team's campaigns, not another team's nor a deleted one", async () => {
      const theirs = await f.seed.campaign(OTHER_TEAM);
      const deleted = await f.seed.campaign(TEAM, { deleted: true });
      expect(await store.hasCampaign(TEAM, campaignId)).toBe(true);
      expect(await store.hasCampaign(TEAM, theirs)).toBe(false);
      expect(await store.hasCampaign(OTHER_TEAM, theirs)).toBe(true);
      expect(await store.hasCampaign(TEAM, deleted)).toBe(false);
      expect(await store.hasCampaign(TEAM, 'cmp_missing')).toBe(false);
    });

    it("pages a campaign's decisions newest first, those of one instant last recorded first, as they were written", async () => {
      const ann = await f.seed.contact(TEAM, { firstName: 'Ann', lastName: 'Lee', phone: '+13055550100' });
      const written = [hold(ann, T0), skip(ann, T0 + 2), hold(null, T0 + 1), { ...hold(ann, T0 + 2, 'again'), until: null }];
      await f.seed.decisions(TEAM, written);
      const other = await f.seed.campaign(TEAM);
      await f.seed.decisions(TEAM, [{ ...hold(ann, T0 + 9), campaignId: other }]);
      expect(await store.page(campaignId, firstPage)).toEqual({ items: [written[3], written[1], written[2], written[0]], total: 4 });
      expect(await store.page(campaignId, { limit: 2, offset: 1, countUpTo: 100 })).toEqual({ items: [written[1], written[2]], total: 4 });
      expect(await store.page(campaignId, { ...firstPage, offset: 4 })).toEqual({ items: [], total: 4 });
    });

    it("pages one contact's decisions of the campaign", async () => {
      const ann = await f.seed.contact(TEAM, { firstName: 'Ann', lastName: 'Lee', phone: '+13055550100' });
      const bob = await f.seed.contact(TEAM, { firstName: 'Bob', lastName: 'Ray', phone: null });
      await f.seed.decisions(TEAM, [hold(ann, T0), hold(bob, T0 + 1), hold(null, T0 + 2), skip(ann, T0 + 3)]);
      expect(await store.page(campaignId, { ...firstPage, contactId: ann })).toEqual({ items: [skip(ann, T0 + 3), hold(ann, T0)], total: 2 });
      expect(await store.page(campaignId, { ...firstPage, contactId: 'cnt_none' })).toEqual({ items: [], total: 0 });
    });

    it('counts no further than asked', async () => {
      const ann = await f.seed.contact(TEAM, { firstName: 'Ann', lastName: 'Lee', phone: null });
      await f.seed.decisions(TEAM, Array.from({ length: 5 }, (_, i) => hold(ann, T0 + i)));
      expect((await store.page(campaignId, { limit: 1, offset: 0, countUpTo: 3 })).total).toBe(3);
      expect((await store.page(campaignId, { limit: 1, offset: 0, countUpTo: 3, contactId: ann })).total).toBe(3);
      expect((await store.page(campaignId, { limit: 1, offset: 0, countUpTo: 6 })).total).toBe(5);
    });

    it("gives each asked contact's latest decision in the campaign, leaving out those without one", async () => {
      const ann = await f.seed.contact(TEAM, { firstName: 'Ann', lastName: 'Lee', phone: null });
      const bob = await f.seed.contact(TEAM, { firstName: 'Bob', lastName: 'Ray', phone: null });
      const cy = await f.seed.contact(TEAM, { firstName: 'Cy', lastName: 'Oz', phone: null });
      const other = await f.seed.campaign(TEAM);
      await f.seed.decisions(TEAM, [hold(ann, T0), skip(ann, T0 + 5), hold(ann, T0 + 5, 'later the same instant'), hold(bob, T0 + 1), { ...skip(cy, T0), campaignId: other }]);
      const latest = await store.latestOf(campaignId, [ann, bob, cy, 'cnt_none']);
      expect(latest).toEqual(new Map([[ann, hold(ann, T0 + 5, 'later the same instant')], [bob, hold(bob, T0 + 1)]]));
      expect(await store.latestOf(campaignId, [])).toEqual(new Map());
    });

    it('reads the whole trail oldest first, each decision beside its contact as the contact is now', async () => {
      const ann = await f.seed.contact(TEAM, { firstName: 'Ann', lastName: 'Lee', phone: '+13055550100' });
      const gone = await f.seed.contact(TEAM, { firstName: 'Gone', lastName: 'Away', phone: '+13055550101' });
      const written = [skip(gone, T0 + 1), hold(ann, T0), hold(null, T0 + 1), hold(ann, T0 + 1, 'again')];
      await f.seed.decisions(TEAM, written);
      await f.seed.removeContact(gone);
      expect(await collect(store.trail(campaignId))).toEqual([
        { decision: written[1], contact: { firstName: 'Ann', lastName: 'Lee', phone: '+13055550100' } },
        { decision: written[0], contact: null },
        { decision: written[2], contact: null },
        { decision: written[3], contact: { firstName: 'Ann', lastName: 'Lee', phone: '+13055550100' } },
      ]);
      expect(await collect(store.trail(await f.seed.campaign(TEAM)))).toEqual([]);
    });

    it('reads a long trail to its end in order, however it batches the reads', async () => {
      const ann = await f.seed.contact(TEAM, { firstName: 'Ann', lastName: 'Lee', phone: null });
      // many decisions share an instant: the order within one must hold across any batch boundary
      const written = Array.from({ length: 2_345 }, (_, i) => hold(ann, T0 + Math.floor(i / 7), `check ${i}`));
      await f.seed.decisions(TEAM, written);
      expect((await collect(store.trail(campaignId))).map((e) => e.decision)).toEqual(written);
    });
  });
}
