import { describe, expect, it } from 'vitest';
import type { CallStore, StoredCall } from '../../main/calls/callStore';
import type { CallOutcome } from '../../shared/campaigns/types';
import type { AmdResult } from '../../shared/campaigns/amdSettings';
import type { FieldValue } from '../../shared/analysis/collect';
import { freshFixtureEach, STORE_TEAMS } from './suiteFixtures';

const [TEAM, OTHER_TEAM] = STORE_TEAMS;
const T0 = Date.parse('2026-03-02T10:00:00Z');
const MINUTE = 60_000;

/** An ended call as the dialer writes one: answered when `answeredAt` is given, ended a minute after its start unless told. */
export interface SeedCall {
  campaignId: string;
  contactId: string;
  startedAt: number;
  answeredAt?: number | null;
  endedAt?: number;
  outcome?: CallOutcome;
  attempt?: number;
  provider?: string;
  error?: string | null;
  amd?: AmdResult | null;
}

/** What the suite needs made that a CallStore, which reads what the dialer and the CRM wrote, does not make. */
export interface CallSeed {
  /** A campaign of the team with this name; its id. */
  campaign(teamId: string, name: string): Promise<string>;
  /** A contact of the team; its id. */
  contact(teamId: string, firstName: string, lastName: string): Promise<string>;
  removeContact(contactId: string): Promise<void>;
  /** An ended call of the team; its id. Calls are placed in the order seeded. */
  call(teamId: string, call: SeedCall): Promise<string>;
  /** The call analysed as the worker stores an answer: whether it met the criterion, and what it collected. */
  analysed(callId: string, answer: { success: boolean; fields: Record<string, FieldValue> }): Promise<void>;
}

export interface CallStoreFixture {
  store: CallStore;
  seed: CallSeed;
  close(): Promise<void>;
}

const everything = { limit: 50, offset: 0 };
const ids = (calls: StoredCall[]) => calls.map((call) => call.id);

/** What every CallStore does, whatever engine keeps it; `open` gives a store on an empty database where STORE_TEAMS exist. */
export function describeCallStore(engine: string, open: () => Promise<CallStoreFixture>): void {
  describe(`CallStore on ${engine}`, () => {
    let f: CallStoreFixture;
    let store: CallStore;
    freshFixtureEach(open, (fixture) => ((f = fixture), (store = fixture.store)));

    /** A campaign and a contact of the team, and calls of theirs started at each of `starts`; their ids in that order. */
    const callsAt = async (teamId: string, starts: number[], names = { campaign: 'Spring', first: 'Dana', last: 'Whitfield' }) => {
      const campaignId = await f.seed.campaign(teamId, names.campaign);
      const contactId = await f.seed.contact(teamId, names.first, names.last);
      const made: string[] = [];
      for (const startedAt of starts) made.push(await f.seed.call(teamId, { campaignId, contactId, startedAt }));
      return { campaignId, contactId, ids: made };
    };

    describe('one call', () => {
      it('reads a call of the team as the dialer wrote it, with its names, and not another team’s', async () => {
        const campaignId = await f.seed.campaign(TEAM, 'Spring');
        const contactId = await f.seed.contact(TEAM, 'Dana', 'Whitfield');
        const id = await f.seed.call(TEAM, {
          campaignId,
          contactId,
          startedAt: T0,
          answeredAt: T0 + 5_000,
          endedAt: T0 + 65_000,
          outcome: 'voicemail',
          attempt: 2,
          amd: { decision: 'machine', ms: 2_400, beep: true },
        });
        const other = (await callsAt(OTHER_TEAM, [T0])).ids[0];
        const call = await store.call(TEAM, id);
        expect(call).toEqual({
          id,
          seq: expect.any(Number),
          campaignId,
          contactId,
          fromNumber: '+12025550100',
          toNumber: '+12025550199',
          attempt: 2,
          outcome: 'voicemail',
          startedAt: T0,
          answeredAt: T0 + 5_000,
          endedAt: T0 + 65_000,
          durationSeconds: 60,
          error: null,
          amd: { decision: 'machine', ms: 2_400, beep: true },
          campaignName: 'Spring',
          contactName: 'Dana Whitfield',
        });
        expect(await store.call(TEAM, other)).toBeUndefined();
        expect(await store.call(TEAM, 'call_missing')).toBeUndefined();
      });

      it('names no contact once the contact is gone, and reads an unanswered call as such', async () => {
        const campaignId = await f.seed.campaign(TEAM, 'Spring');
        const contactId = await f.seed.contact(TEAM, 'Dana', '');
        const id = await f.seed.call(TEAM, { campaignId, contactId, startedAt: T0, outcome: 'failed', error: '503 Service Unavailable' });
        expect(await store.call(TEAM, id)).toMatchObject({ contactName: 'Dana', answeredAt: null, durationSeconds: null, amd: null, error: '503 Service Unavailable' });
        await f.seed.removeContact(contactId);
        expect(await store.call(TEAM, id)).toMatchObject({ contactName: null, campaignName: 'Spring' });
      });
    });

    describe('the list', () => {
      it("lists the team's calls newest first, those started together in placing order, without another team's", async () => {
        const { ids: mine } = await callsAt(TEAM, [T0, T0 + 2 * MINUTE, T0 + MINUTE, T0 + 2 * MINUTE]);
        await callsAt(OTHER_TEAM, [T0 + 3 * MINUTE]);
        const page = await store.list(TEAM, {}, everything);
        expect(ids(page.items)).toEqual([mine[3], mine[1], mine[2], mine[0]]);
        expect(page).toMatchObject({ total: 4, totalIsCapped: false, next: null });
        expect((await store.list('team_nobody', {}, everything)).items).toEqual([]);
      });

      it('pages by offset and by cursor alike, the total counting every call the filter picks', async () => {
        const { ids: mine } = await callsAt(TEAM, [T0, T0 + MINUTE, T0 + MINUTE, T0 + 2 * MINUTE, T0 + 3 * MINUTE]);
        const newestFirst = [mine[4], mine[3], mine[2], mine[1], mine[0]];
        const first = await store.list(TEAM, {}, { limit: 2, offset: 0 });
        expect(ids(first.items)).toEqual(newestFirst.slice(0, 2));
        expect(first.total).toBe(5);
        expect(first.next).toEqual({ startedAt: first.items[1].startedAt, seq: first.items[1].seq });
        const second = await store.list(TEAM, {}, { limit: 2, offset: 0, after: first.next! });
        expect(ids(second.items)).toEqual(newestFirst.slice(2, 4));
        expect(second.total).toBe(5);
        const last = await store.list(TEAM, {}, { limit: 2, offset: 0, after: second.next! });
        expect(ids(last.items)).toEqual(newestFirst.slice(4));
        expect(last.next).toBeNull();
        expect(ids((await store.list(TEAM, {}, { limit: 2, offset: 2 })).items)).toEqual(newestFirst.slice(2, 4));
      });

      it('picks by campaign, outcome and start (from inclusive, to exclusive)', async () => {
        const spring = await f.seed.campaign(TEAM, 'Spring');
        const renewals = await f.seed.campaign(TEAM, 'Renewals');
        const contactId = await f.seed.contact(TEAM, 'Dana', 'Whitfield');
        const a = await f.seed.call(TEAM, { campaignId: spring, contactId, startedAt: T0, outcome: 'busy' });
        const b = await f.seed.call(TEAM, { campaignId: spring, contactId, startedAt: T0 + MINUTE, outcome: 'answered' });
        const c = await f.seed.call(TEAM, { campaignId: renewals, contactId, startedAt: T0 + 2 * MINUTE, outcome: 'busy' });
        expect(ids((await store.list(TEAM, { campaignId: spring }, everything)).items)).toEqual([b, a]);
        expect(ids((await store.list(TEAM, { outcome: 'busy' }, everything)).items)).toEqual([c, a]);
        expect(ids((await store.list(TEAM, { campaignId: spring, outcome: 'busy' }, everything)).items)).toEqual([a]);
        expect(ids((await store.list(TEAM, { from: T0 + MINUTE }, everything)).items)).toEqual([c, b]);
        expect(ids((await store.list(TEAM, { to: T0 + MINUTE }, everything)).items)).toEqual([a]);
        expect((await store.list(TEAM, { from: T0 + MINUTE, to: T0 + 2 * MINUTE }, everything)).total).toBe(1);
      });

      it('picks by what the analysis found: success, and a field’s value as text, number or true/false', async () => {
        const { ids: [keen, cold, unanalysed] } = await callsAt(TEAM, [T0, T0 + MINUTE, T0 + 2 * MINUTE]);
        await f.seed.analysed(keen, { success: true, fields: { interest: 'qualified', seats: 12, pricing: true } });
        await f.seed.analysed(cold, { success: false, fields: { interest: 'unqualified', seats: null, pricing: false } });
        expect(ids((await store.list(TEAM, {}, everything)).items)).toEqual([unanalysed, cold, keen]);
        expect(ids((await store.list(TEAM, { success: true }, everything)).items)).toEqual([keen]);
        expect(ids((await store.list(TEAM, { success: false }, everything)).items)).toEqual([cold]);
        expect(ids((await store.list(TEAM, { field: 'interest', value: 'qualified' }, everything)).items)).toEqual([keen]);
        expect(ids((await store.list(TEAM, { field: 'seats', value: '12' }, everything)).items)).toEqual([keen]);
        expect(ids((await store.list(TEAM, { field: 'pricing', value: 'false' }, everything)).items)).toEqual([cold]);
        expect(ids((await store.list(TEAM, { field: 'interest', value: 'qual' }, everything)).items)).toEqual([]);
        expect((await store.list(TEAM, { success: true, field: 'interest', value: 'unqualified' }, everything)).total).toBe(0);
      });
    });

    describe('the conversation', () => {
      it('keeps turns in the order spoken, turns that start together in the order recorded, offsets from the answer', async () => {
        const { ids: [id, other] } = await callsAt(TEAM, [T0, T0 + MINUTE]);
        expect(await store.recordTurn(id, { speaker: 'contact', text: 'second at 5 s', offsetMs: 5_000 })).toBe(true);
        expect(await store.recordTurn(id, { speaker: 'agent', text: 'at 1 s, cut off', offsetMs: 1_000.4, interrupted: true })).toBe(true);
        expect(await store.recordTurn(id, { speaker: 'agent', text: 'third at 5 s', offsetMs: 5_000 })).toBe(true);
        expect(await store.recordTurn(id, { speaker: 'agent', text: 'before the answer', offsetMs: -300 })).toBe(true);
        expect(await store.transcript(id)).toEqual([
          { speaker: 'agent', text: 'before the answer', offsetMs: 0, interrupted: false },
          { speaker: 'agent', text: 'at 1 s, cut off', offsetMs: 1_000, interrupted: true },
          { speaker: 'contact', text: 'second at 5 s', offsetMs: 5_000, interrupted: false },
          { speaker: 'agent', text: 'third at 5 s', offsetMs: 5_000, interrupted: false },
        ]);
        expect(await store.transcript(other)).toEqual([]);
        expect(await store.transcript('call_missing')).toEqual([]);
      });

      it('keeps every turn and tool call of writers appending to one call at once', async () => {
        const { ids: [id] } = await callsAt(TEAM, [T0]);
        const texts = Array.from({ length: 12 }, (_, n) => `turn ${n}`);
        const written = await Promise.all([
          ...texts.map((text) => store.recordTurn(id, { speaker: 'agent', text, offsetMs: 1_000 })),
          ...texts.map((name) => store.recordTool(id, { name, at: T0 })),
        ]);
        expect(written.every(Boolean)).toBe(true);
        expect((await store.transcript(id)).map((turn) => turn.text).sort()).toEqual([...texts].sort());
        expect((await store.tools(id)).map((tool) => tool.name).sort()).toEqual([...texts].sort());
      });

      it('keeps tool calls in the order recorded, their arguments as given', async () => {
        const { ids: [id] } = await callsAt(TEAM, [T0]);
        expect(await store.recordTool(id, { name: 'transfer', arguments: { to: '+12025550111', warm: true }, at: T0 + 9_000, result: 'ok' })).toBe(true);
        expect(await store.recordTool(id, { name: 'end_call', at: T0 + 3_000 })).toBe(true);
        expect(await store.tools(id)).toEqual([
          { name: 'transfer', arguments: { to: '+12025550111', warm: true }, at: T0 + 9_000, result: 'ok' },
          { name: 'end_call', arguments: {}, at: T0 + 3_000, result: null },
        ]);
        expect(await store.tools('call_missing')).toEqual([]);
      });

      it('writes nothing for a call that is not there', async () => {
        expect(await store.recordTurn('call_missing', { speaker: 'agent', text: 'x', offsetMs: 0 })).toBe(false);
        expect(await store.recordTool('call_missing', { name: 'end_call', at: T0 })).toBe(false);
        expect(await store.transcript('call_missing')).toEqual([]);
      });
    });
  });
}
