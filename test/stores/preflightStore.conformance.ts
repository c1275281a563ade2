import { beforeEach, describe, expect, it } from 'vitest';
import type { CampaignStore } from '../../main/campaigns/campaignStore';
import { FINISHED, type PreflightStore, type TallyGroup } from '../../main/campaigns/preflightStore';
import { campaignParents, settingsFor, type CampaignSeed } from './campaignStore.conformance';
import { freshFixtureEach, STORE_TEAMS } from './suiteFixtures';

const [TEAM, OTHER_TEAM] = STORE_TEAMS;
const T0 = Date.parse('2026-03-02T10:00:00Z');
const ZONE = 'America/New_York';

export interface PreflightStoreFixture {
  store: PreflightStore;
  /** Where the campaign checked is made, and its contacts enrolled. */
  campaigns: CampaignStore;
  seed: CampaignSeed;
  /** The enrolment's calls are over: it will not be called again. */
  finish(campaignId: string, contactId: string): Promise<void>;
  close(): Promise<void>;
}

const sorted = (groups: TallyGroup[]) => [...groups].sort((a, b) => String(a.reason).localeCompare(String(b.reason)));

/** What every PreflightStore does, whatever engine keeps it; `open` gives a store on an empty database where STORE_TEAMS exist. */
export function describePreflightStore(engine: string, open: () => Promise<PreflightStoreFixture>): void {
  describe(`PreflightStore on ${engine}`, () => {
    let f: PreflightStoreFixture;
    let store: PreflightStore;
    let parents: Awaited<ReturnType<typeof campaignParents>>;
    freshFixtureEach(open, (fixture) => ((f = fixture), (store = fixture.store)));
    beforeEach(async () => {
      parents = await campaignParents(f.seed, TEAM);
    });

    let phones = 0;
    const contact = (fields: Parameters<CampaignSeed['contact']>[2] = {}) => f.seed.contact(TEAM, parents.companyId, { phone: `+1202555${1000 + ++phones}`, ...fields });

    it('reads the assistant’s texts and engine, the company’s name and whether the numbers are all simulated, within the team', async () => {
      const assistantId = await f.seed.assistant(TEAM, { name: 'Greeter', greeting: 'Hi {{firstName}}', prompt: 'Sell' });
      expect(await store.assistant(TEAM, assistantId)).toEqual({
        name: 'Greeter', greeting: 'Hi {{firstName}}', prompt: 'Sell', voicemailMessage: null, engine: 'audio', agentUrl: null, realtimeModel: 'gpt-realtime', greetingMediaId: null,
      });
      expect(await store.assistant(OTHER_TEAM, assistantId)).toBeNull();
      expect(await store.companyName(TEAM, parents.companyId)).toBe('Acme');
      expect(await store.companyName(OTHER_TEAM, parents.companyId)).toBeNull();
      expect(await store.onlySimulated(TEAM, parents.numbers)).toBe(true);
      expect(await store.onlySimulated(TEAM, [])).toBe(false);
      const trunk = await f.seed.number(TEAM, { assistantId: parents.assistantId, provider: 'sip' });
      expect(await store.onlySimulated(TEAM, [...parents.numbers, trunk])).toBe(false);
    });

    it('groups a campaign’s enrolled contacts by zone and reason, counting those lacking each variable', async () => {
      const campaignId = 'cmp_checked';
      await f.campaigns.insert({ id: campaignId, teamId: TEAM, status: 'draft', settings: settingsFor(parents), audience: null, at: T0 });
      const named = await contact({ firstName: 'Ann' });
      const blank = await contact({ firstName: '  ' });
      const noPhone = await contact({ phone: null });
      const done = await contact();
      await f.campaigns.transaction((tx) => tx.enrolment.enrolContacts({ id: campaignId, teamId: TEAM }, [named, blank, noPhone, done], 0, T0));
      await f.finish(campaignId, done);
      const groups = await store.tallyEnrolled(campaignId, ['firstName']);
      expect(sorted(groups)).toEqual(
        sorted([
          { zoneKey: ZONE, reason: null, n: 2, lacking: [1] },
          { zoneKey: ZONE, reason: 'no_phone', n: 1, lacking: [0] },
          { zoneKey: ZONE, reason: FINISHED, n: 1, lacking: [0] },
        ]),
      );
    });

    it('groups the contacts a draft would enrol: the ids given of the company, or its audience', async () => {
      const a = await contact({ timezone: 'Europe/Paris' });
      await contact({ phone: null });
      await f.seed.contact(TEAM, await f.seed.company(TEAM, 'Globex'), { phone: '+12025559999' });
      const byIds = await store.tallyDraft(TEAM, { companyId: parents.companyId, contactIds: [a, 'cnt_nope'] }, []);
      expect(byIds).toEqual([{ zoneKey: 'Europe/Paris', reason: null, n: 1, lacking: [] }]);
      const audience = { mode: 'all_eligible', companyId: parents.companyId, hasPhoneOnly: false, excludeDnc: true } as const;
      const all = await store.tallyDraft(TEAM, { companyId: parents.companyId, audience }, ['firstName']);
      expect(all.reduce((n, g) => n + g.n, 0)).toBe(2);
      expect(all.find((g) => g.reason === 'no_phone')).toMatchObject({ zoneKey: ZONE, n: 1 });
      expect(await store.tallyDraft(OTHER_TEAM, { companyId: parents.companyId, audience }, [])).toEqual([]);
    });
  });
}
