import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { RECORDING_LINK_MS } from '../../main/calls/recordingLinks';
import type { Core } from '../../main/core';
import { MARCH, seedCallHistory, type CallHistory } from '../calls/callHistory';
import { T0 } from '../campaigns/fixtures';
import { testCore } from '../support/core';
import { inMemoryApi } from '../support/inMemoryTransport';
import { send, startApiServer, startHost, type SendOptions } from './http';

let now = T0;
let core: Core;
let h: CallHistory;
let key: string;
let recording: Buffer;

beforeEach(async () => {
  now = T0;
  core = await testCore(() => now);
  h = await seedCallHistory(core);
  key = (await core.services.apiKeys.create(core.localTeam, 'Calls key')).key;
  recording = readFileSync(join(dirname(core.services.store.file), 'recordings', `${h.ids.transferred}.wav`));
});

describe('GET /api/crm/calls/{id}', () => {
  it('answers the call with its transcript, tools, detection result and where its recording is', async () => {
    const { port } = await startApiServer(core);
    const reply = await send(port, `/api/crm/calls/${h.ids.transferred}`, { key });
    expect(reply.status, reply.text).toBe(200);
    const { call } = reply.json;
    expect(reply.json.success).toBe(true);
    expect(call).toMatchObject({ id: h.ids.transferred, outcome: 'transferred', campaignName: 'Spring Outreach', contactName: 'Dana Whitfield', amd: null, analysis: null });
    expect(call.transcript).toHaveLength(4);
    expect(call.transcript[2]).toEqual({ speaker: 'agent', text: 'Great, so the reason I am calling is', offsetMs: 7_900, interrupted: true });
    expect(call.tools).toEqual([{ name: 'transfer_call', arguments: { reason: 'asked about pricing' }, at: new Date(MARCH(2) + 17_000).toISOString(), result: 'Transferred to +12025550199' }]);
    expect(call.recording).toEqual({ url: `/api/crm/calls/${h.ids.transferred}/recording`, bytes: recording.length });
    expect((await send(port, `/api/crm/calls/${h.ids.busy}`, { key })).json.call.recording).toBeNull();
  });

  it('is a 404 in the error shape for an unknown call, and a 401 without a key', async () => {
    const { port } = await startApiServer(core);
    const missing = await send(port, '/api/crm/calls/call_nope', { key });
    expect([missing.status, missing.json]).toEqual([404, { success: false, error: { code: 'not_found', message: 'Call call_nope does not exist' } }]);
    expect((await send(port, `/api/crm/calls/${h.ids.transferred}`)).status).toBe(401);
    expect((await send(port, `/api/crm/calls/${h.ids.transferred}/recording`)).status).toBe(401);
  });
});

describe('GET /api/crm/calls', () => {
  it('filters by campaign, outcome and start, and continues after nextCursor', async () => {
    const { port } = await startApiServer(core);
    const list = async (query: string) => {
      const reply = await send(port, `/api/crm/calls?${query}`, { key });
      expect(reply.status, reply.text).toBe(200);
      return reply.json as { calls: { id: string }[]; total: number; nextCursor: string | null };
    };
    const ids = (page: { calls: { id: string }[] }) => page.calls.map((c) => c.id);
    expect(ids(await list(`campaignId=${h.spring.id}&outcome=transferred`))).toEqual([h.ids.transferred]);
    expect(ids(await list(`from=2026-03-03T00:00:00Z&to=2026-03-05T00:00:00Z`))).toEqual([h.ids.no_answer, h.ids.answered]);
    const first = await list('limit=3');
    expect([ids(first), first.total]).toEqual([[h.ids.busy, h.ids.no_answer, h.ids.answered], 5]);
    const rest = await list(`limit=3&cursor=${first.nextCursor}`);
    expect([ids(rest), rest.nextCursor]).toEqual([[h.ids.transferred, h.ids.voicemail], null]);
  });

  it('is a 400 naming every bad filter', async () => {
    const { port } = await startApiServer(core);
    const reply = await send(port, '/api/crm/calls?outcome=hung_up&from=monday&limit=0', { key });
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.json.error.fields).sort()).toEqual(['from', 'limit', 'outcome']);
  });
});

describe("a call's recording, in byte ranges", () => {
  const total = () => recording.length;

  /** The recording route's answers, whichever server and credentials serve it. */
  async function expectRanges(port: number, path: string, auth: SendOptions) {
    const get = (range?: string, method = 'GET') => send(port, path, { ...auth, method, headers: { ...auth.headers, ...(range ? { range } : {}) } });
    const whole = await get();
    expect(whole.status, whole.text).toBe(200);
    expect(whole.headers).toMatchObject({ 'content-type': 'audio/wav', 'accept-ranges': 'bytes', 'content-length': String(total()), 'cache-control': 'no-store' });
    expect(whole.bytes.equals(recording)).toBe(true);

    const head = await get('bytes=0-99');
    expect([head.status, head.headers['content-range'], head.headers['content-length']]).toEqual([206, `bytes 0-99/${total()}`, '100']);
    expect(head.bytes.equals(recording.subarray(0, 100))).toBe(true);
    const tail = await get('bytes=-10');
    expect([tail.status, tail.headers['content-range']]).toEqual([206, `bytes ${total() - 10}-${total() - 1}/${total()}`]);
    expect(tail.bytes.equals(recording.subarray(-10))).toBe(true);
    const from = await get(`bytes=${total() - 5}-${total() + 500}`);
    expect([from.status, from.bytes.length, from.headers['content-range']]).toEqual([206, 5, `bytes ${total() - 5}-${total() - 1}/${total()}`]);

    for (const bad of [`bytes=${total()}-`, 'bytes=50-10', 'bytes=abc', 'bytes=-0']) {
      const refused = await get(bad);
      expect([refused.status, refused.headers['content-range']], bad).toEqual([416, `bytes */${total()}`]);
      expect(refused.json.error.fields.range, bad).toContain(`${total()} bytes`);
    }
    const onlyHeaders = await get('bytes=0-9', 'HEAD');
    expect([onlyHeaders.status, onlyHeaders.headers['content-length'], onlyHeaders.bytes.length]).toEqual([206, '10', 0]);
  }

  it('is served by the REST API with an API key, 404 for a call without one', async () => {
    const { port } = await startApiServer(core);
    await expectRanges(port, `/api/crm/calls/${h.ids.transferred}/recording`, { key });
    const none = await send(port, `/api/crm/calls/${h.ids.busy}/recording`, { key });
    expect([none.status, none.json.error.message]).toEqual([404, `Call ${h.ids.busy} has no recording`]);
    expect((await send(port, '/api/crm/calls/call_nope/recording', { key })).status).toBe(404);
  });

  it('is served by the headless host to its own session, at the signed link the call’s detail gives, until the link expires', async () => {
    const { port } = await startHost(core);
    const login = await send(port, '/?token=host-token');
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const { url } = (await inMemoryApi(core).invoke('calls.get', { id: h.ids.transferred })).recording!;
    await expectRanges(port, url, { headers: { cookie } });

    expect((await send(port, url)).status).toBe(401);
    const otherCall = url.replace(h.ids.transferred, h.ids.answered);
    expect((await send(port, otherCall, { headers: { cookie } })).status).toBe(403);
    const unsigned = await send(port, `/recordings/${h.ids.transferred}.wav`, { headers: { cookie } });
    expect([unsigned.status, unsigned.json.error.code]).toEqual([403, 'forbidden']);
    now += RECORDING_LINK_MS + 1;
    expect((await send(port, url, { headers: { cookie } })).status).toBe(403);
  });
});
