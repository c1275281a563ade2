import { describe, expect, it } from 'vitest';
import type { ToolRecord } from '../../main/calls/callStore';
import type { ContactResult, ExportedCall, ExportStore, RowPages } from '../../main/exports/exportStore';
import type { CallOutcome, EnrolmentStatus, SkipReason } from '../../shared/campaigns/types';
import type { AnalysisSeed } from './analysisJobStore.conformance';
import type { CallSeed } from './callStore.conformance';
import { freshFixtureEach, STORE_TEAMS } from './suiteFixtures';

const [TEAM, OTHER_TEAM] = STORE_TEAMS;
const T0 = Date.parse('2026-03-02T10:00:00Z');
/** More rows than any engine reads in one page, so a read crosses several. */
const MANY = 1201;

/** How a contact stands in a campaign, as the dialer leaves it. */
export interface SeedEnrolment {
  status: EnrolmentStatus;
  skipReason: SkipReason | null;
  attempts: number;
  lastOutcome: CallOutcome | null;
  updatedAt: number;
}

/** What the suite needs made that an ExportStore, which only reads, does not make. */
export interface ExportSeed extends CallSeed, Pick<AnalysisSeed, 'conversation'> {
  /** A contact of the team with this email and the phone every seeded call dials; its id. */
  contactCalled(teamId: string, firstName: string, lastName: string, email: string): Promise<string>;
  tools(callId: string, tools: ToolRecord[]): Promise<void>;
  enrolled(campaignId: string, contactId: string, enrolment: SeedEnrolment): Promise<void>;
}

export interface ExportStoreFixture {
  store: ExportStore;
  seed: ExportSeed;
  close(): Promise<void>;
}

/** Every row of the pages, in order. */
async function all<Row>(pages: RowPages<Row>): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const page of pages) rows.push(...page);
  return rows;
}

const pending: SeedEnrolment = { status: 'pending', skipReason: null, attempts: 0, lastOutcome: null, updatedAt: T0 };
const iso = (ms: number) => new Date(ms).toISOString();

/** What every ExportStore does, whatever engine keeps it; `open` gives a store on an empty database where STORE_TEAMS exist. */
export function describeExportStore(engine: string, open: () => Promise<ExportStoreFixture>): void {
  describe(`ExportStore on ${engine}`, () => {
    let f: ExportStoreFixture;
    let store: ExportStore;
    freshFixtureEach(open, (fixture) => ((f = fixture), (store = fixture.store)));

    const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

    describe('calls', () => {
      it("reads a team's calls newest first, each with its names, transcript, tools and analysis; not another team's", async () => {
        const campaignId = await f.seed.campaign(TEAM, 'Spring');
        const contactId = await f.seed.contact(TEAM, 'Dana', 'Whitfield');
        const answered = await f.seed.call(TEAM, { campaignId, contactId, startedAt: T0, answeredAt: T0 + 2000, endedAt: T0 + 62_000 });
        await f.seed.analysed(answered, { success: true, fields: { budget: 5 } });
        await f.seed.conversation(answered, [{ speaker: 'contact', text: 'Hi, who is this?', offsetMs: 1200, interrupted: true }]);
        await f.seed.tools(answered, [{ name: 'book', arguments: { day: 'monday' }, at: T0 + 30_000, result: 'booked' }, { name: 'hangup', at: T0 + 60_000 }]);
        const unanswered = await f.seed.call(TEAM, { campaignId, contactId, startedAt: T0 + 3_600_000, outcome: 'no_answer', attempt: 2 });
        const other = await f.seed.call(OTHER_TEAM, { campaignId: await f.seed.campaign(OTHER_TEAM, 'Theirs'), contactId: await f.seed.contact(OTHER_TEAM, 'O', 'T'), startedAt: T0 });

        const calls = await all(store.calls(TEAM, {}));
        expect(ids(calls)).toEqual([unanswered, answered]);
        expect(calls[1]).toEqual<ExportedCall>({
          id: answered, campaignId, contactId, campaignName: 'Spring', contactName: 'Dana Whitfield',
          fromNumber: '+12025550100', toNumber: '+12025550199', attempt: 1, outcome: 'answered',
          startedAt: iso(T0), answeredAt: iso(T0 + 2000), endedAt: iso(T0 + 62_000), durationSeconds: 60, error: null, amd: null,
          transcript: [
            { speaker: 'agent', text: 'Hello', offsetMs: 0, interrupted: false },
            { speaker: 'contact', text: 'Hi, who is this?', offsetMs: 1200, interrupted: true },
          ],
          tools: [
            { name: 'book', arguments: { day: 'monday' }, at: iso(T0 + 30_000), result: 'booked' },
            { name: 'hangup', arguments: {}, at: iso(T0 + 60_000), result: null },
          ],
          analysis: { state: 'done', summary: null, success: true, fields: { budget: 5 }, error: null, attempts: 0 },
        });
        expect(calls[0]).toMatchObject({ outcome: 'no_answer', attempt: 2, answeredAt: null, transcript: [], tools: [], analysis: null });
        expect(ids(await all(store.calls(OTHER_TEAM, {})))).toEqual([other]);
      });

      it('reads the calls the calls list filters pick: a campaign, an outcome, a time range, what the analysis found', async () => {
        const spring = await f.seed.campaign(TEAM, 'Spring');
        const autumn = await f.seed.campaign(TEAM, 'Autumn');
        const contactId = await f.seed.contact(TEAM, 'Dana', 'Whitfield');
        const early = await f.seed.call(TEAM, { campaignId: spring, contactId, startedAt: T0 });
        const busy = await f.seed.call(TEAM, { campaignId: spring, contactId, startedAt: T0 + 1000, outcome: 'busy' });
        const late = await f.seed.call(TEAM, { campaignId: autumn, contactId, startedAt: T0 + 2000 });
        await f.seed.analysed(late, { success: true, fields: {} });
        expect(ids(await all(store.calls(TEAM, { campaignId: spring })))).toEqual([busy, early]);
        expect(ids(await all(store.calls(TEAM, { outcome: 'busy' })))).toEqual([busy]);
        expect(ids(await all(store.calls(TEAM, { from: T0 + 1000, to: T0 + 2000 })))).toEqual([busy]);
        expect(ids(await all(store.calls(TEAM, { success: true })))).toEqual([late]);
      });

      it('reads every call once across pages, those started together newest placed first', async () => {
        const campaignId = await f.seed.campaign(TEAM, 'Spring');
        const contactId = await f.seed.contact(TEAM, 'Dana', 'Whitfield');
        const placed: { id: string; startedAt: number; n: number }[] = [];
        // every third call starts with the one before it, so pages end inside runs of equal start times too
        for (let n = 0; n < MANY; n++) {
          const startedAt = T0 + Math.floor((n * 2) / 3) * 1000;
          placed.push({ id: await f.seed.call(TEAM, { campaignId, contactId, startedAt }), startedAt, n });
        }
        const newestFirst = [...placed].sort((a, b) => b.startedAt - a.startedAt || b.n - a.n).map((call) => call.id);
        const pages: number[] = [];
        for await (const page of store.calls(TEAM, {})) pages.push([...page].length);
        expect(pages.length).toBeGreaterThan(1);
        expect(ids(await all(store.calls(TEAM, {})))).toEqual(newestFirst);
      });
    });

    describe('results', () => {
      it("reads a campaign's enrolments by contact id, each with its contact's latest analysed call of the campaign", async () => {
        const campaignId = await f.seed.campaign(TEAM, 'Spring');
        const otherCampaign = await f.seed.campaign(TEAM, 'Autumn');
        const called = await f.seed.contactCalled(TEAM, 'Dana', 'Whitfield', 'dana@example.com');
        const never = await f.seed.contact(TEAM, 'Nev', 'Er');
        const elsewhere = await f.seed.contact(TEAM, 'Else', 'Where');
        const done = { status: 'completed', skipReason: null, attempts: 3, lastOutcome: 'answered', updatedAt: T0 + 9 } as const;
        await f.seed.enrolled(campaignId, called, done);
        await f.seed.enrolled(campaignId, never, { ...pending, status: 'skipped', skipReason: 'dnc_list' });
        await f.seed.enrolled(otherCampaign, elsewhere, pending);
        await f.seed.enrolled(otherCampaign, called, pending);
        const first = await f.seed.call(TEAM, { campaignId, contactId: called, startedAt: T0 });
        await f.seed.analysed(first, { success: false, fields: { budget: 1 } });
        const latest = await f.seed.call(TEAM, { campaignId, contactId: called, startedAt: T0 + 1000 });
        await f.seed.analysed(latest, { success: true, fields: { budget: 9 } });
        // newer, but not analysed; and an analysed call of the contact in another campaign
        await f.seed.call(TEAM, { campaignId, contactId: called, startedAt: T0 + 2000 });
        await f.seed.analysed(await f.seed.call(TEAM, { campaignId: otherCampaign, contactId: called, startedAt: T0 + 3000 }), { success: true, fields: { budget: 99 } });

        const results = await all(store.results(campaignId));
        const expected: ContactResult[] = [
          { contactId: called, firstName: 'Dana', lastName: 'Whitfield', phone: '+12025550199', email: 'dana@example.com', ...done,
            analysis: { state: 'done', summary: null, success: true, fields: { budget: 9 }, error: null, attempts: 0 } },
          { contactId: never, firstName: 'Nev', lastName: 'Er', phone: null, email: null, ...pending, status: 'skipped', skipReason: 'dnc_list', analysis: null },
        ];
        expect(results).toEqual(expected.sort((a, b) => (a.contactId < b.contactId ? -1 : 1)));
      });

      it('reads every enrolment once across pages, by contact id', async () => {
        const campaignId = await f.seed.campaign(TEAM, 'Spring');
        const contacts: string[] = [];
        for (let n = 0; n < MANY; n++) {
          const contactId = await f.seed.contact(TEAM, `Bulk${n}`, 'Contact');
          await f.seed.enrolled(campaignId, contactId, pending);
          contacts.push(contactId);
        }
        expect((await all(store.results(campaignId))).map((row) => row.contactId)).toEqual(contacts.sort());
        expect(await all(store.results('cmp_missing'))).toEqual([]);
      });
    });
  });
}
