import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { send, startHost } from '../api/http';
import { MARCH, type CallHistory } from '../calls/callHistory';
import { testCore } from '../support/core';
import { seedAnalysedHistory } from './analysedHistory';

let core: Core;
let h: CallHistory;
let port: number;
let key: string;

beforeEach(async () => {
  core = await testCore(() => MARCH(10));
  h = await seedAnalysedHistory(core);
  ({ port } = await startHost(core));
  key = (await core.services.apiKeys.create(core.localTeam, 'Analysis key')).key;
});

const get = (path: string) => send(port, path, { key });
const ids = async (query: string) => (await get(`/api/crm/calls?${query}`)).json.calls.map((c: { id: string }) => c.id);

describe('analysed calls', () => {
  it('are analysed offline when simulated: the call detail shows what the conversation said', async () => {
    const { call } = (await get(`/api/crm/calls/${h.ids.transferred}`)).json;
    expect(call.analysis).toEqual({
      state: 'done',
      summary: expect.stringContaining('That sounds interesting, we need 12 seats.'),
      success: true,
      fields: { interest: 'qualified', seats: 12, pricing: true },
      error: null,
      attempts: 1,
    });
    const omar = (await get(`/api/crm/calls/${h.ids.answered}`)).json.call.analysis;
    expect(omar).toMatchObject({ state: 'done', success: false, fields: { interest: 'unqualified', seats: null, pricing: false } });
    expect((await get(`/api/crm/calls/${h.ids.busy}`)).json.call.analysis).toBeNull();
  });

  it('filter the calls list by success and by a field’s value', async () => {
    expect(await ids(`campaignId=${h.spring.id}&success=true`)).toEqual([h.ids.transferred]);
    expect(await ids('success=false')).toEqual([h.ids.answered]);
    expect(await ids('field=interest&value=unqualified')).toEqual([h.ids.answered]);
    expect(await ids('field=seats&value=12')).toEqual([h.ids.transferred]);
    expect(await ids('field=pricing&value=true&success=true')).toEqual([h.ids.transferred]);
    expect(await ids('field=interest&value=customer')).toEqual([]);
    const bad = await get('/api/crm/calls?field=Interest&success=maybe');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(['field', 'success']);
    expect((await get('/api/crm/calls?field=interest')).json.error.fields).toEqual({ value: 'Give field and value together' });
  });

  it('are counted for the monitor: success rate and each enum value', async () => {
    const reply = await get(`/api/crm/campaigns/${h.spring.id}/analysis`);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json.results).toEqual({
      analysed: 2,
      succeeded: 1,
      successRate: 0.5,
      pending: 0,
      failed: 0,
      fields: [{ key: 'interest', description: 'How keen', values: [{ value: 'qualified', count: 1 }, { value: 'unqualified', count: 1 }] }],
    });
    expect((await get(`/api/crm/campaigns/${h.renewals.id}/analysis`)).json.results).toMatchObject({ analysed: 0, successRate: null });
  });
});
