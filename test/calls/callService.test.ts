import { beforeEach, describe, expect, it } from 'vitest';
import { RECORDING_LINK_MS } from '../../main/calls/recordingLinks';
import type { Core } from '../../main/core';
import type { Api } from '../../shared/contract/createApi';
import { T0 } from '../campaigns/fixtures';
import { testCore } from '../support/core';
import { addTeam, failure, inMemoryApi } from '../support/inMemoryTransport';
import { MARCH, seedCallHistory, type CallHistory } from './callHistory';

let now = T0;
let core: Core;
let api: Api;
let h: CallHistory;

beforeEach(async () => {
  now = T0;
  core = await testCore(() => now);
  api = inMemoryApi(core);
  h = await seedCallHistory(core);
});

const urlOf = (callId: string) => `/recorded/${callId}`;
const idsOf = (page: { items: { id: string }[] }) => page.items.map((c) => c.id);

describe('a call’s detail', () => {
  it('has the call, its names, the transcript in the order spoken, the tools in the order called, and its recording', async () => {
    const id = h.ids.transferred;
    expect(await core.services.calls.detail(h.w.team, id, urlOf)).toEqual({
      id,
      campaignId: h.spring.id,
      contactId: h.dana.id,
      fromNumber: h.spring.fromNumbers[0].number,
      toNumber: '+12025557001',
      attempt: 1,
      outcome: 'transferred',
      startedAt: new Date(MARCH(2)).toISOString(),
      answeredAt: new Date(MARCH(2) + 5_000).toISOString(),
      endedAt: new Date(MARCH(2) + 95_000).toISOString(),
      durationSeconds: 90,
      error: null,
      amd: null,
      campaignName: 'Spring Outreach',
      contactName: 'Dana Whitfield',
      transcript: [
        { speaker: 'agent', text: 'Hi Dana, this is Ava from Acme. Do you have a minute?', offsetMs: 400, interrupted: false },
        { speaker: 'contact', text: 'Sure, go ahead.', offsetMs: 5_200, interrupted: false },
        { speaker: 'agent', text: 'Great, so the reason I am calling is', offsetMs: 7_900, interrupted: true },
        { speaker: 'contact', text: 'Can I talk to someone about pricing?', offsetMs: 9_100, interrupted: false },
      ],
      tools: [{ name: 'transfer_call', arguments: { reason: 'asked about pricing' }, at: new Date(MARCH(2) + 17_000).toISOString(), result: 'Transferred to +12025550199' }],
      analysis: null,
      recording: { url: urlOf(id), bytes: h.recordingBytes },
    });
  });

  it('keeps turns that start together in the order recorded, and has no recording when none was written', async () => {
    const id = h.ids.answered;
    await core.services.calls.recordTurn(id, { speaker: 'agent', text: 'first at 5 s', offsetMs: 5_000.4 });
    await core.services.calls.recordTurn(id, { speaker: 'contact', text: 'second at 5 s', offsetMs: 5_000 });
    const call = await core.services.calls.detail(h.w.team, id, urlOf);
    expect(call.transcript.map((t) => [t.offsetMs, t.text])).toEqual([
      [300, 'Hello Omar, is now a good time?'],
      [2_600, 'Not really, call me next week.'],
      [5_000, 'first at 5 s'],
      [5_000, 'second at 5 s'],
    ]);
    expect(call.tools.map((t) => [t.name, t.arguments, t.result])).toEqual([
      ['schedule_callback', { at: 'in 7 days', note: 'busy this week' }, null],
      ['end_call', { reason: 'callback scheduled' }, null],
    ]);
    expect(call.recording).toBeNull();
    const silent = await core.services.calls.detail(h.w.team, h.ids.busy, urlOf);
    expect([silent.transcript, silent.tools, silent.recording]).toEqual([[], [], null]);
  });

  it('is not_found for an unknown call and for another team’s, and so is writing a transcript of a call that is not there', async () => {
    const other = addTeam(core);
    expect((await failure(core.services.calls.detail(h.w.team, 'call_nope', urlOf))).code).toBe('not_found');
    expect((await failure(core.services.calls.detail(other, h.ids.transferred, urlOf))).code).toBe('not_found');
    expect((await failure(core.services.calls.recordingOf(other, h.ids.transferred))).code).toBe('not_found');
    expect((await failure(core.services.calls.recordTurn('call_nope', { speaker: 'agent', text: 'x', offsetMs: 0 }))).code).toBe('not_found');
    expect((await failure(core.services.calls.recordTool('call_nope', { name: 'end_call', at: T0 }))).code).toBe('not_found');
    expect((await failure(api.invoke('calls.get', { id: 'call_nope' }))).message).toBe('Call call_nope does not exist');
  });

  it('names no contact once the contact is deleted, and keeps the call', async () => {
    await api.invoke('contacts.delete', { id: h.omar.id });
    const call = await core.services.calls.detail(h.w.team, h.ids.answered, urlOf);
    expect([call.contactName, call.toNumber, call.transcript.length]).toEqual([null, '+12025557002', 2]);
  });

  it('gives the window a signed link to the recording that only names that call, until it expires', async () => {
    const id = h.ids.transferred;
    const { recording } = await api.invoke('calls.get', { id });
    const link = new URL(recording!.url, 'http://127.0.0.1');
    expect(link.pathname).toBe(`/recordings/${id}.wav`);
    const links = core.services.recordingLinks;
    expect(links.callOf(link.pathname, link.searchParams)).toBe(id);
    expect(links.callOf(`/recordings/${h.ids.answered}.wav`, link.searchParams)).toBeNull();
    const forged = new URLSearchParams(link.searchParams);
    forged.set('expires', String(Number(forged.get('expires')) + 60_000));
    expect(links.callOf(link.pathname, forged)).toBeNull();
    now += RECORDING_LINK_MS + 1;
    expect(links.callOf(link.pathname, link.searchParams)).toBeNull();
  });
});

describe('the calls list', () => {
  it('lists the team’s calls newest first, with names, by campaign, outcome and start', async () => {
    const all = await api.invoke('calls.list', {});
    expect(idsOf(all)).toEqual([h.ids.busy, h.ids.no_answer, h.ids.answered, h.ids.transferred, h.ids.voicemail]);
    expect(all).toMatchObject({ total: 5, totalIsCapped: false, limit: 50, offset: 0, nextCursor: null });
    expect(all.items[0]).toMatchObject({ campaignName: 'Renewals', contactName: 'Omar Haddad', outcome: 'busy' });
    expect(idsOf(await api.invoke('calls.list', { campaignId: h.spring.id }))).toEqual([h.ids.answered, h.ids.transferred, h.ids.voicemail]);
    expect(idsOf(await api.invoke('calls.list', { outcome: 'transferred' }))).toEqual([h.ids.transferred]);
    expect(idsOf(await api.invoke('calls.list', { campaignId: h.renewals.id, outcome: 'busy' }))).toEqual([h.ids.busy]);
    expect(idsOf(await api.invoke('calls.list', { campaignId: h.renewals.id, outcome: 'transferred' }))).toEqual([]);
    // from inclusive, to exclusive
    const window = await api.invoke('calls.list', { from: new Date(MARCH(2)).toISOString(), to: new Date(MARCH(4)).toISOString() });
    expect([idsOf(window), window.total]).toEqual([[h.ids.answered, h.ids.transferred], 2]);
    expect(idsOf(await api.invoke('calls.list', { campaignId: h.spring.id, from: '2026-03-02T16:00:00+01:00' }))).toEqual([h.ids.answered, h.ids.transferred]);
  });

  it('pages by offset and by cursor alike, the total counting the whole filter', async () => {
    const byOffset = [0, 2, 4].map((offset) => api.invoke('calls.list', { limit: 2, offset }));
    const offsetIds = (await Promise.all(byOffset)).flatMap(idsOf);
    const cursorIds: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 5; pages++) {
      const page = await api.invoke('calls.list', { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(5);
      cursorIds.push(...idsOf(page));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(cursorIds).toEqual(offsetIds);
    expect(cursorIds).toEqual((await api.invoke('calls.list', {})).items.map((c) => c.id));
  });

  it('lists no other team’s calls; another team’s campaign is forbidden and an unknown one not_found', async () => {
    const other = addTeam(core);
    expect((await core.services.calls.list(other, { limit: 50, offset: 0 })).total).toBe(0);
    expect((await failure(core.services.calls.list(other, { campaignId: h.spring.id, limit: 50, offset: 0 }))).code).toBe('forbidden');
    expect((await failure(api.invoke('calls.list', { campaignId: 'cmp_nope' }))).code).toBe('not_found');
  });

  it('names every bad filter', async () => {
    const error = await failure(api.invoke('calls.list', { outcome: 'hung_up' as 'busy', from: 'yesterday', to: '2026-02-30T00:00:00Z', cursor: 'page-2' }));
    expect(error.code).toBe('validation');
    expect(Object.keys(error.fields!).sort()).toEqual(['cursor', 'from', 'outcome', 'to']);
    expect(error.fields!.outcome).toContain('transferred');
    const order = await failure(api.invoke('calls.list', { from: '2026-03-05T00:00:00Z', to: '2026-03-01T00:00:00Z', cursor: `${MARCH(3)}.3`, offset: 10 }));
    expect(order.fields).toEqual({ to: 'Must be after from', offset: 'Give a cursor or an offset, not both' });
  });
});
