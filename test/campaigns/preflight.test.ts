import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { previewContext } from '../../shared/assistants/preview';
import { variableValue } from '../../shared/assistants/templates';
import type { Contact } from '../../shared/crm/types';
import { send, startHost } from '../api/http';
import { tone, wavBytes } from '../media/audio';
import { testCore } from '../support/core';
import { FAKE_API_KEY, FakeRealtime } from '../support/fakeRealtime';
import { addTeam, failure, inMemoryApi } from '../support/inMemoryTransport';
import { addContact, makeWorld, required, T0, type World } from './fixtures';

let w: World;
let port: number;
let key: string;
const servers: WebSocketServer[] = [];
let realtime: FakeRealtime | undefined;

beforeEach(async () => {
  w = await makeWorld(await testCore(() => T0));
  ({ port } = await startHost(w.core));
  key = (await w.core.services.apiKeys.create(w.team, 'Preflight key')).key;
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
  await realtime?.close();
  realtime = undefined;
});

/** A Media Streams agent that accepts connections on loopback; its ws:// URL. */
async function listeningAgent(): Promise<string> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  servers.push(server);
  await new Promise((done) => server.once('listening', done));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/media`;
}

const TEMPLATES = {
  greeting: 'Hi {{firstName|there}}, you are {{ jobTitle }}?',
  prompt: 'Offer the {{custom.plan}} plan of {{company}}; it is {{localTime}} there. Campaign: {{campaign}}.',
  voicemailMessage: 'Call {{assistant}} back.',
};
/** 541: Oregon, one zone (Los Angeles); 208: Idaho, two zones an hour apart (Boise and Los Angeles). */
const OREGON = (n: number) => `+1541555${String(1000 + n)}`;
const IDAHO = (n: number) => `+1208555${String(1000 + n)}`;

/**
 * A mix: three callable contacts (one without a first name, a job title or a plan), two made do-not-call (at
 * enrolment and after it), one without a phone, one "do not contact", one on a DNC list, one whose two zones
 * never share a legal minute of the window, one already called, one the dialer skipped for a window its zones
 * never share.
 */
/** `lines`: the provider the campaign's numbers call through (the fixture makes simulator numbers). */
async function mixedCampaign(engine: Record<string, unknown>, lines: 'sip' | 'simulator' = 'sip') {
  await w.api.invoke('assistants.update', { id: w.assistant.id, ...TEMPLATES, ...engine });
  const contact = (extra: Record<string, unknown>) => addContact(w, w.acme.id, { firstName: 'Someone', ...extra });
  const callable = [
    await contact({ firstName: 'Ann', jobTitle: 'CFO', phone: OREGON(1), customFields: { plan: 'Gold' } }),
    await contact({ firstName: '', lastName: 'Nofirst', phone: OREGON(2), customFields: { plan: '  ' } }),
    await contact({ firstName: 'Num', jobTitle: 'VP', phone: OREGON(3) }),
  ];
  const sqlite = w.core.services.store.sqlite;
  // a number, as a value written by something other than the API (which takes text) reads
  sqlite.prepare(`UPDATE contacts SET custom_fields = '{"plan":12}' WHERE id = ?`).run(callable[2].id);
  const dncAtEnrolment = await contact({ firstName: '', doNotCall: true, phone: OREGON(4) });
  const dncLater = await contact({ firstName: '', phone: OREGON(5) });
  const noPhone = await contact({ firstName: 'Nophone', phone: null });
  const doNotContact = await contact({ leadStatus: 'do_not_contact', phone: OREGON(6) });
  const listed = await contact({ phone: OREGON(7) });
  await w.api.invoke('dnc.import', { name: 'Opt-outs', text: `${OREGON(7)}\n` });
  const neverLegal = await contact({ firstName: '', phone: IDAHO(1) });
  const called = await contact({ firstName: '', phone: OREGON(8) });
  const noCommonWindow = await contact({ firstName: '', phone: OREGON(9) });
  const all = [...callable, dncAtEnrolment, dncLater, noPhone, doNotContact, listed, neverLegal, called, noCommonWindow];

  // 07:00–08:30 where each contact is: Oregon's 08:00–08:30 is legal; Idaho's two zones share only 07:00–07:30 Boise time, before 08:00 in both
  const campaign = await w.api.invoke('campaigns.create', required(w, { callWindowStart: '07:00', callWindowEnd: '08:30', useContactTimezone: true }));
  await w.api.invoke('campaigns.enrol', { id: campaign.id, contactIds: all.map((c) => c.id) });
  await w.api.invoke('contacts.update', { id: dncLater.id, doNotCall: true });
  sqlite.prepare(`UPDATE campaign_contacts SET status = 'completed', attempts = 1 WHERE contact_id = ?`).run(called.id);
  sqlite.prepare(`UPDATE campaign_contacts SET status = 'skipped', skip_reason = 'no_common_window' WHERE contact_id = ?`).run(noCommonWindow.id);
  sqlite.prepare('UPDATE phone_numbers SET provider = ? WHERE id IN (?, ?)').run(lines, w.n1.id, w.n2.id);
  return { campaign, callable, all, dncAtEnrolment, noPhone };
}

describe('the launch check of a campaign (GET /api/crm/campaigns/{id}/preflight)', () => {
  it('counts the contacts lacking each variable among those to be called, the skipped by reason, the never legal, and reaches the agent', async () => {
    const agentUrl = await listeningAgent();
    const { campaign } = await mixedCampaign({ engine: 'media-streams', agentUrl });
    const reply = await send(port, `/api/crm/campaigns/${campaign.id}/preflight`, { key });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json).toEqual({
      success: true,
      preflight: {
        enrolled: 11,
        missingVariables: { firstName: 1, jobTitle: 1, 'custom.plan': 1, company: 0, localTime: 0, campaign: 0, assistant: 0 },
        skipped: { do_not_call: 2, no_phone: 1, do_not_contact: 1, dnc_list: 1, no_common_window: 1 },
        neverLegal: 1,
        engineReachable: true,
      },
    });
    expect(await w.api.invoke('campaigns.preflight', { id: campaign.id })).toEqual(reply.json.preflight);
  });

  it('counts what the renderer finds: a contact lacks a variable exactly when the template gets no value from it', async () => {
    const { campaign, callable } = await mixedCampaign({ engine: 'audio' });
    const { missingVariables } = await w.api.invoke('campaigns.preflight', { id: campaign.id });
    const contexts = await Promise.all(callable.map(async (c: Contact) => previewContext(await w.api.invoke('assistants.previewContact', { contactId: c.id }), 'Outbound', T0)));
    for (const [name, count] of Object.entries(missingVariables)) {
      expect(contexts.filter((ctx) => variableValue(name, { ...ctx, campaign: campaign.name }) === null).length, name).toBe(count);
    }
  });

  it('says the engine cannot be reached: an agent URL nothing listens on', async () => {
    const closed = await listeningAgent();
    await new Promise((done) => servers.pop()!.close(done));
    const { campaign } = await mixedCampaign({ engine: 'media-streams', agentUrl: closed });
    expect((await w.api.invoke('campaigns.preflight', { id: campaign.id })).engineReachable).toBe(false);
  });

  it('for audio: null while it has something to say (its upload, or its greeting text and a key to speak it with), false when not', async () => {
    const { campaign } = await mixedCampaign({ engine: 'audio' });
    const reachable = async () => (await w.api.invoke('campaigns.preflight', { id: campaign.id })).engineReachable;
    // the greeting text, and no key to speak it with
    expect(await reachable()).toBe(false);
    w.core.services.voiceSettings.update({ openaiApiKey: 'sk-some-key-0123456789' });
    expect(await reachable()).toBeNull();
    await w.api.invoke('assistants.update', { id: w.assistant.id, greeting: ' ' });
    expect(await reachable()).toBe(false);
    const upload = await w.api.invoke('media.upload', { name: 'greeting.wav', data: wavBytes([tone(440, 0.5)]).toString('base64') });
    w.core.services.voiceSettings.update({ openaiApiKey: null });
    await w.api.invoke('assistants.update', { id: w.assistant.id, greetingAudioId: upload.id });
    expect(await reachable()).toBeNull();
  });

  it('has no engine to reach when every number is simulated: the dry run plays the engine offline', async () => {
    const closed = await listeningAgent();
    await new Promise((done) => servers.pop()!.close(done));
    const { campaign } = await mixedCampaign({ engine: 'media-streams', agentUrl: closed }, 'simulator');
    expect((await w.api.invoke('campaigns.preflight', { id: campaign.id })).engineReachable).toBeNull();
    const draft = { assistantId: w.assistant.id, companyId: w.acme.id, audience: { mode: 'all_eligible' as const, companyId: w.acme.id } };
    expect((await w.api.invoke('campaigns.preflightDraft', { ...draft, fromNumberIds: [w.n1.id] })).engineReachable).toBeNull();
    w.core.services.store.sqlite.prepare("UPDATE phone_numbers SET provider = 'sip' WHERE id = ?").run(w.n2.id);
    expect((await w.api.invoke('campaigns.preflightDraft', { ...draft, fromNumberIds: [w.n1.id, w.n2.id] })).engineReachable).toBe(false);
  });

  it('opens a realtime session with the key and address in force and the assistant’s model; a refused key is unreachable', async () => {
    realtime = await FakeRealtime.start();
    w.core.services.voiceSettings.update({ openaiApiKey: FAKE_API_KEY, openaiBaseUrl: realtime.baseUrl });
    const { campaign } = await mixedCampaign({ engine: 'realtime', realtimeModel: 'gpt-realtime-mini' });
    expect((await w.api.invoke('campaigns.preflight', { id: campaign.id })).engineReachable).toBe(true);
    expect((await realtime.nextSession()).model).toBe('gpt-realtime-mini');
    w.core.services.voiceSettings.update({ openaiApiKey: 'sk-not-the-key-0123456789' });
    expect((await w.api.invoke('campaigns.preflight', { id: campaign.id })).engineReachable).toBe(false);
  });

  it('is 404 for an unknown campaign and 403 for another team’s', async () => {
    expect((await send(port, '/api/crm/campaigns/cmp_nope/preflight', { key })).status).toBe(404);
    const theirs = await inMemoryApi(w.core, { ctx: addTeam(w.core) });
    const campaign = await w.api.invoke('campaigns.create', required(w));
    expect((await failure(theirs.invoke('campaigns.preflight', { id: campaign.id }))).code).toBe('forbidden');
  });
});

describe('the launch check of a campaign not yet created (campaigns.preflightDraft)', () => {
  const draft = (extra: Record<string, unknown> = {}) => ({ assistantId: w.assistant.id, companyId: w.acme.id, callWindowStart: '07:00', callWindowEnd: '08:30', ...extra });

  it('checks the audience the dialog would enrol, in the window it shows', async () => {
    await mixedCampaign({ engine: 'audio' });
    const audience = { mode: 'all_eligible' as const, companyId: w.acme.id, hasPhoneOnly: true, excludeDnc: true };
    // the whole company's callable contacts: the three, the Idaho one, the two the campaign above already had
    expect(await w.api.invoke('campaigns.preflightDraft', draft({ audience }))).toEqual({
      enrolled: 6,
      missingVariables: { firstName: 3, jobTitle: 3, 'custom.plan': 3, company: 0, localTime: 0, campaign: 0, assistant: 0 },
      skipped: {},
      neverLegal: 1,
      // its greeting text has no key to be spoken with
      engineReachable: false,
    });
    // 09:00–17:00 meets legal hours everywhere
    expect((await w.api.invoke('campaigns.preflightDraft', draft({ audience, callWindowStart: '09:00', callWindowEnd: '17:00' }))).neverLegal).toBe(0);
  });

  it('checks picked contacts with the skip reasons enrolment would give them', async () => {
    const { callable, dncAtEnrolment, noPhone } = await mixedCampaign({ engine: 'audio' });
    const preflight = await w.api.invoke('campaigns.preflightDraft', draft({ contactIds: [callable[1].id, dncAtEnrolment.id, noPhone.id] }));
    expect(preflight).toMatchObject({ enrolled: 3, skipped: { do_not_call: 1, no_phone: 1 }, neverLegal: 0 });
    expect(preflight.missingVariables).toMatchObject({ firstName: 1, 'custom.plan': 1, campaign: 0 });
  });

  it('names a bad assistant, company or audience company', async () => {
    const error = await failure(w.api.invoke('campaigns.preflightDraft', draft({ assistantId: 'asst_nope', companyId: 'co_nope', audience: { mode: 'all_eligible', companyId: w.globex.id } })));
    expect(error.code).toBe('validation');
    expect(Object.keys(error.fields!).sort()).toEqual(['assistantId', 'audience.companyId', 'companyId']);
    const window = await failure(w.api.invoke('campaigns.preflightDraft', draft({ contactIds: [], callWindowStart: '25:00' })));
    expect(Object.keys(window.fields!).sort()).toEqual(['callWindowStart', 'contactIds']);
  });
});
