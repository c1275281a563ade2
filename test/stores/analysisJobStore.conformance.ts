import { describe, expect, it } from 'vitest';
import type { AnalysisJobStore, MappedContact } from '../../main/analysis/analysisJobStore';
import type { TurnRecord } from '../../main/calls/callStore';
import type { CollectField } from '../../shared/analysis/collect';
import type { CallSeed } from './callStore.conformance';
import { freshFixtureEach, STORE_TEAMS } from './suiteFixtures';

const [TEAM, OTHER_TEAM] = STORE_TEAMS;
const T0 = Date.parse('2026-03-02T10:00:00Z');
const MINUTE = 60_000;

const COLLECT: CollectField[] = [
  { key: 'interest', type: 'enum', description: 'How keen', options: ['qualified', 'unqualified'], mapTo: 'leadStatus' },
  { key: 'seats', type: 'number', description: 'Seats needed', options: [], mapTo: null },
];
const HELLO: TurnRecord[] = [
  { speaker: 'agent', text: 'Hello, Dana?', offsetMs: 0 },
  { speaker: 'contact', text: 'Speaking, go on.', offsetMs: 1_500, interrupted: true },
];
const answer = (interest: string | null, success = true) => ({ summary: `Interest: ${interest}`, success, fields: { interest, seats: 3 } });

/** What the suite needs made that an AnalysisJobStore does not make: calls and their conversations, jobs as the dialer queues them, contacts as the CRM keeps them. */
export interface AnalysisSeed extends CallSeed {
  conversation(callId: string, turns: TurnRecord[]): Promise<void>;
  /** Queues the call's analysis as the dialer does at its end: nothing for a call without a transcript, or one queued already. */
  queue(callId: string): Promise<void>;
  /** What the campaign's assistant collects, and its success criterion. */
  collects(campaignId: string, fields: CollectField[], successCriterion: string | null): Promise<void>;
  setContact(contactId: string, values: MappedContact): Promise<void>;
  /** The contact's values now, with the history lines analyses wrote (and their calls), oldest first. */
  contactNow(contactId: string): Promise<MappedContact & { history: { text: string; callId: string | null }[] }>;
  /** An enabled webhook endpoint of the team that wants call.analyzed. */
  wantAnalyzedEvents(teamId: string): Promise<void>;
  /** The calls of the call.analyzed events queued to send, in order. */
  analyzedEvents(): Promise<string[]>;
}

export interface AnalysisJobStoreFixture {
  store: AnalysisJobStore;
  seed: AnalysisSeed;
  close(): Promise<void>;
}

/** What every AnalysisJobStore does, whatever engine keeps it; `open` gives a store on an empty database where STORE_TEAMS exist. */
export function describeAnalysisJobStore(engine: string, open: () => Promise<AnalysisJobStoreFixture>): void {
  describe(`AnalysisJobStore on ${engine}`, () => {
    let f: AnalysisJobStoreFixture;
    let store: AnalysisJobStore;
    freshFixtureEach(open, (fixture) => ((f = fixture), (store = fixture.store)));

    /** A campaign of the team collecting COLLECT, a contact, and a call of theirs per end time, each with a conversation and queued. */
    const queuedCalls = async (teamId: string, ends: number[]) => {
      const campaignId = await f.seed.campaign(teamId, 'Spring');
      await f.seed.collects(campaignId, COLLECT, 'Books a demo');
      const contactId = await f.seed.contact(teamId, 'Dana', 'Whitfield');
      const ids: string[] = [];
      for (const endedAt of ends) {
        const id = await f.seed.call(teamId, { campaignId, contactId, startedAt: endedAt - MINUTE, answeredAt: endedAt - MINUTE, endedAt, provider: 'simulator' });
        await f.seed.conversation(id, HELLO);
        await f.seed.queue(id);
        ids.push(id);
      }
      return { campaignId, contactId, ids };
    };

    describe('the queue', () => {
      it('holds a job from the end of each call with a conversation, pending and untried', async () => {
        const { ids: [id], campaignId, contactId } = await queuedCalls(TEAM, [T0]);
        const silent = await f.seed.call(TEAM, { campaignId, contactId, startedAt: T0, outcome: 'no_answer' });
        await f.seed.queue(silent);
        expect(await store.of(id)).toEqual({ state: 'pending', summary: null, success: null, fields: {}, error: null, attempts: 0 });
        expect(await store.of(silent)).toBeNull();
        expect(await store.of('call_missing')).toBeNull();
        expect(await store.nextDue()).toBe(T0);
      });

      it('gives what a job works from: the call, its conversation in order, what its assistant collects', async () => {
        const { ids: [id], campaignId, contactId } = await queuedCalls(TEAM, [T0]);
        expect(await store.input(id)).toEqual({
          callId: id,
          teamId: TEAM,
          campaignId,
          contactId,
          provider: 'simulator',
          transcript: [
            { speaker: 'agent', text: 'Hello, Dana?', offsetMs: 0, interrupted: false },
            { speaker: 'contact', text: 'Speaking, go on.', offsetMs: 1_500, interrupted: true },
          ],
          fields: COLLECT,
          successCriterion: 'Books a demo',
          attempts: 0,
        });
        expect(await store.input('call_missing')).toBeUndefined();
      });

      it('claims due jobs earliest first, up to the limit, counting an attempt and holding each until told', async () => {
        const { ids: [late, early, notYet] } = await queuedCalls(TEAM, [T0 + MINUTE, T0, T0 + 10 * MINUTE]);
        expect(await store.claimDue(T0 + MINUTE, T0 + 5 * MINUTE, 1)).toEqual([early]);
        expect(await store.claimDue(T0 + MINUTE, T0 + 5 * MINUTE, 10)).toEqual([late]);
        expect(await store.claimDue(T0 + MINUTE, T0 + 5 * MINUTE, 10)).toEqual([]);
        expect((await store.input(early))!.attempts).toBe(1);
        expect((await store.input(notYet))!.attempts).toBe(0);
        expect(await store.nextDue()).toBe(T0 + 5 * MINUTE);
        // a worker that died mid-attempt: its jobs come due again when their hold ends
        expect(await store.claimDue(T0 + 5 * MINUTE, T0 + 9 * MINUTE, 10)).toEqual(expect.arrayContaining([early, late]));
        expect((await store.of(early))!.attempts).toBe(2);
        expect(await store.nextDue()).toBe(T0 + 9 * MINUTE);
      });

      it('never hands one job to two workers claiming at once', async () => {
        await queuedCalls(TEAM, [T0, T0 + 1, T0 + 2, T0 + 3]);
        const [a, b] = await Promise.all([store.claimDue(T0 + MINUTE, T0 + 5 * MINUTE, 10), store.claimDue(T0 + MINUTE, T0 + 5 * MINUTE, 10)]);
        expect([...a, ...b].sort()).toHaveLength(4);
        expect(new Set([...a, ...b]).size).toBe(4);
      });

      it('records a failed attempt with its reason and retry, and one with none left as no longer due', async () => {
        const { ids: [retried, givenUp] } = await queuedCalls(TEAM, [T0, T0]);
        await store.claimDue(T0, T0 + 5 * MINUTE, 10);
        await store.fail(retried, 'The analysis service answered 503: overloaded', T0 + 30_000, T0 + 1);
        await store.fail(givenUp, 'The model’s answer is not JSON', null, T0 + 1);
        expect(await store.of(retried)).toEqual({ state: 'failed', summary: null, success: null, fields: {}, error: 'The analysis service answered 503: overloaded', attempts: 1 });
        expect(await store.nextDue()).toBe(T0 + 30_000);
        expect(await store.claimDue(T0 + 29_999, T0 + 10 * MINUTE, 10)).toEqual([]);
        expect(await store.claimDue(T0 + 30_000, T0 + 10 * MINUTE, 10)).toEqual([retried]);
        await store.fail(retried, 'again', null, T0 + 2);
        expect(await store.nextDue()).toBeNull();
        expect(await store.claimDue(T0 + 60 * MINUTE, T0 + 70 * MINUTE, 10)).toEqual([]);
      });
    });

    describe('an answer', () => {
      it('stores the answer, no longer due, with the contact changed and the event queued together', async () => {
        const { ids: [id, other], contactId } = await queuedCalls(TEAM, [T0, T0 + MINUTE]);
        await f.seed.wantAnalyzedEvents(TEAM);
        await f.seed.setContact(contactId, { leadStatus: 'new', customFields: { region: 'east' } });
        await store.claimDue(T0 + MINUTE, T0 + 5 * MINUTE, 10);
        await store.fail(id, 'first try failed', T0 + 1, T0);
        const seen: MappedContact[] = [];
        await store.complete(id, answer('qualified'), T0 + 2, (contact) => {
          seen.push(contact);
          return { leadStatus: 'qualified', customFields: { ...contact.customFields, seats: '3' }, history: ['Lead status set to qualified', 'Custom field seats set to "3"'] };
        });
        expect(seen).toEqual([{ leadStatus: 'new', customFields: { region: 'east' } }]);
        expect(await store.of(id)).toEqual({ state: 'done', summary: 'Interest: qualified', success: true, fields: { interest: 'qualified', seats: 3 }, error: null, attempts: 1 });
        expect(await f.seed.contactNow(contactId)).toEqual({
          leadStatus: 'qualified',
          customFields: { region: 'east', seats: '3' },
          history: [
            { text: 'Lead status set to qualified', callId: id },
            { text: 'Custom field seats set to "3"', callId: id },
          ],
        });
        expect(await f.seed.analyzedEvents()).toEqual([id]);
        expect(await store.nextDue()).toBe(T0 + 5 * MINUTE);
        expect(await store.claimDue(T0 + 60 * MINUTE, T0 + 70 * MINUTE, 10)).toEqual([other]);
      });

      it('leaves the contact as it was when the answer changes nothing, and calls no change once the contact is gone', async () => {
        const { ids: [id, later], contactId } = await queuedCalls(TEAM, [T0, T0 + MINUTE]);
        await f.seed.setContact(contactId, { leadStatus: 'contacted', customFields: {} });
        await store.complete(id, answer(null, false), T0 + 2, () => null);
        expect(await store.of(id)).toMatchObject({ state: 'done', success: false, fields: { interest: null, seats: 3 } });
        expect(await f.seed.contactNow(contactId)).toEqual({ leadStatus: 'contacted', customFields: {}, history: [] });
        expect(await f.seed.analyzedEvents()).toEqual([]);
        await f.seed.removeContact(contactId);
        let called = false;
        await store.complete(later, answer('qualified'), T0 + 3, () => ((called = true), null));
        expect(called).toBe(false);
        expect(await store.of(later)).toMatchObject({ state: 'done', success: true });
      });
    });

    describe('a campaign’s results', () => {
      it('counts analyses by state, the successes among the done, and the values collected for the fields asked', async () => {
        const { ids: [a, b, c, d], campaignId } = await queuedCalls(TEAM, [T0, T0 + 1, T0 + 2, T0 + 3]);
        const { ids: [theirs], campaignId: otherCampaign } = await queuedCalls(OTHER_TEAM, [T0]);
        await store.complete(a, answer('qualified'), T0 + 5, () => null);
        await store.complete(b, answer('qualified', false), T0 + 5, () => null);
        await store.complete(c, answer('unqualified'), T0 + 5, () => null);
        await store.fail(d, 'no', null, T0 + 5);
        await store.complete(theirs, answer('unqualified'), T0 + 5, () => null);
        expect(await store.tally(campaignId, ['interest'])).toEqual({ pending: 0, done: 3, failed: 1, succeeded: 2, values: { interest: { qualified: 2, unqualified: 1 } } });
        expect(await store.tally(otherCampaign, [])).toEqual({ pending: 0, done: 1, failed: 0, succeeded: 1, values: {} });
        expect(await store.tally('cmp_missing', ['interest'])).toEqual({ pending: 0, done: 0, failed: 0, succeeded: 0, values: { interest: {} } });
      });

      it('counts a queued job as pending and collects nothing from it', async () => {
        const { campaignId } = await queuedCalls(TEAM, [T0, T0 + 1]);
        expect(await store.tally(campaignId, ['interest'])).toEqual({ pending: 2, done: 0, failed: 0, succeeded: 0, values: { interest: {} } });
      });
    });
  });
}
