import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../main/core';
import { silentLogger } from '../../main/platform/log';
import type { Api } from '../../shared/contract/createApi';
import type { Contact } from '../../shared/crm/types';
import { callRows, DAY, enrolments } from '../dialer/dialerFixtures';
import { FAKE_API_KEY, FakeRealtime, type FakeRealtimeSession } from '../support/fakeRealtime';
import { inMemoryApi } from '../support/inMemoryTransport';
import { tempDbFile } from '../support/tempDb';
import { removeTempFiles } from '../support/tempFiles';
import { waitFor } from './harness';
import { agentAudio, contactSays, helloThenGreeting, toolOutput } from './realtimeTalk';
import { allDayWindow, campaignOverSip, campaignReaches, zoneAtNoon } from './sipCampaignSetup';
import { startSippUas, type SippUas } from './sipp';
import { personClip } from './spokenClips';

/*
 * A campaign on a SIP number whose assistant runs the realtime engine, dialed by the dialer: SIPp answers each
 * call and says "Hello?" (espeak-ng, μ-law over RTP), our SIP user agent bridges it to the fake Realtime server
 * (the saved key and base URL), and the fake's model opts one contact out and books a callback with the other.
 * What the tests check is what the workspace stored.
 */

const PROMPT = 'You are Ava from {{company}}, calling {{fullName}} about their renewal.';
const GREETING = 'Hi {{firstName}}, this is Ava.';
const OLIVE = { firstName: 'Olive', lastName: 'Quinn', phone: '+12125550001' };
const CARL = { firstName: 'Carl', lastName: 'Baker', phone: '+12125550002' };
const CALLBACK = { at: 'in 1 day', note: 'Send the pricing sheet first' };

let sipp: SippUas;
let fake: FakeRealtime;
let core: Core;
let api: Api;
let campaignId: string;
let olive: Contact;
let carl: Contact;
/** UTC midnight of the day the campaign was made: its only call day. */
let today: number;
const sessions = new Map<string, FakeRealtimeSession>();

/** The call's turns as stored, in order. */
const turnsOf = (callId: string) =>
  core.services.store.sqlite.prepare('SELECT speaker, text, interrupted FROM call_turns WHERE call_id = ? ORDER BY seq').all(callId) as { speaker: string; text: string; interrupted: number }[];

/** The one call placed to `contact` in the campaign. */
function callTo(contact: Contact) {
  const calls = callRows(core.services.store.sqlite, campaignId).filter((c) => c.contactId === contact.id);
  expect(calls).toHaveLength(1);
  return calls[0];
}

/** Waits for the session of the call to `firstName` at the fake; the model's side then runs as `script`. */
async function converse(firstName: string, script: (session: FakeRealtimeSession) => Promise<void>): Promise<void> {
  const session = await fake.sessionInstructedWith(`calling ${firstName} `);
  sessions.set(firstName, session);
  await script(session);
}

beforeAll(async () => {
  const [clip, started] = await Promise.all([personClip(), FakeRealtime.start()]);
  fake = started;
  sipp = await startSippUas('answer_and_speak.xml', { calls: 2, fill: { clip: clip.path } });
  core = await openCore({ dbFile: tempDbFile(), log: silentLogger, sipAddress: '127.0.0.1' });
  api = inMemoryApi(core);
  await api.invoke('voice.updateSettings', { openaiApiKey: FAKE_API_KEY, openaiBaseUrl: fake.baseUrl });
  const noon = zoneAtNoon();
  today = noon.dayStart;
  const setup = await campaignOverSip(api, sipp, {
    assistant: { engine: 'realtime', prompt: PROMPT, greeting: GREETING },
    contacts: [OLIVE, CARL],
    // a callback "in 1 day" lands on a day the campaign does not call: it moves to the next call day
    campaign: { maxAttemptsPerContact: 2, ...allDayWindow(noon.zone), callDays: [noon.weekday] },
  });
  campaignId = setup.campaign.id;
  [olive, carl] = setup.contacts;

  const scripts = [
    converse('Olive', async (session) => {
      await helloThenGreeting(session, 'Hi Olive, this is Ava.', agentAudio(500, 3));
      await contactSays(session, 'Please stop calling me.');
      await toolOutput(session, session.callTool('opt_out', {}));
      await session.next('response.create', (e) => !e.response?.instructions);
      session.say('Understood, you will not hear from us again. Goodbye.', agentAudio(500, 5));
    }),
    converse('Carl', async (session) => {
      await helloThenGreeting(session, 'Hi Carl, this is Ava.', agentAudio(500, 7));
      await contactSays(session, 'Can you call me back tomorrow?');
      await toolOutput(session, session.callTool('schedule_callback', CALLBACK));
      session.say('Of course, talk to you then.', agentAudio(500, 9));
      session.callTool('end_call', { reason: 'callback booked' });
    }),
  ];
  await api.invoke('campaigns.run', { id: campaignId, action: 'start' });
  await Promise.all(scripts);
  const settled = () => enrolments(core.services.store.sqlite, campaignId).every((e) => e.status !== 'calling' && e.attempts === 1);
  await waitFor(settled, 10_000, 'both calls to end');
  const { code, output } = await sipp.exit;
  expect(code, output).toBe(0);
}, 30_000);

afterAll(async () => {
  await core?.close();
  await sipp?.stop();
  await fake?.close();
  removeTempFiles();
});

describe('a campaign whose assistant holds the conversation over real SIP calls (SIPp far ends, fake Realtime server)', () => {
  it("gives each call's session the assistant's prompt rendered for its contact", async () => {
    expect((await sessions.get('Olive')!.sessionUpdate()).instructions).toBe('You are Ava from SIPp Inc, calling Olive Quinn about their renewal.');
    expect((await sessions.get('Carl')!.sessionUpdate()).instructions).toBe('You are Ava from SIPp Inc, calling Carl Baker about their renewal.');
  });

  it('stores both sides of each conversation as call_turns, in order', () => {
    expect(turnsOf(callTo(olive).id)).toEqual([
      { speaker: 'contact', text: 'Hello?', interrupted: 0 },
      { speaker: 'agent', text: 'Hi Olive, this is Ava.', interrupted: 0 },
      { speaker: 'contact', text: 'Please stop calling me.', interrupted: 0 },
      { speaker: 'agent', text: 'Understood, you will not hear from us again. Goodbye.', interrupted: 0 },
    ]);
    expect(turnsOf(callTo(carl).id)).toEqual([
      { speaker: 'contact', text: 'Hello?', interrupted: 0 },
      { speaker: 'agent', text: 'Hi Carl, this is Ava.', interrupted: 0 },
      { speaker: 'contact', text: 'Can you call me back tomorrow?', interrupted: 0 },
      { speaker: 'agent', text: 'Of course, talk to you then.', interrupted: 0 },
    ]);
  });

  it('opt_out: the call ends answered, the contact is do-not-call and is not called again, by any campaign', async () => {
    expect(callTo(olive)).toMatchObject({ status: 'ended', outcome: 'answered' });
    expect((await api.invoke('calls.get', { id: callTo(olive).id })).tools).toMatchObject([{ name: 'opt_out', result: 'opted out' }]);
    expect((await api.invoke('contacts.get', { id: olive.id })).doNotCall).toBe(true);
    expect(enrolments(core.services.store.sqlite, campaignId).find((e) => e.contactId === olive.id)).toMatchObject({ status: 'completed', attempts: 1, lastOutcome: 'answered' });

    const { assistantId, companyId, fromNumberIds } = await api.invoke('campaigns.get', { id: campaignId });
    const again = await api.invoke('campaigns.create', {
      name: 'Again', assistantId, companyId, fromNumberIds, ...allDayWindow(), legalHoursGuard: false,
    });
    await api.invoke('campaigns.enrol', { id: again.id, contactIds: [olive.id] });
    await api.invoke('campaigns.run', { id: again.id, action: 'start' });
    await campaignReaches(core, again.id, 'completed');
    expect(enrolments(core.services.store.sqlite, again.id)).toMatchObject([{ status: 'skipped', skipReason: 'do_not_call', attempts: 0 }]);
    expect(callRows(core.services.store.sqlite, again.id)).toEqual([]);
  });

  it('schedule_callback: the call ends answered after end_call, and the next attempt is the first call-day instant from the time asked', async () => {
    expect(callTo(carl)).toMatchObject({ status: 'ended', outcome: 'answered' });
    const nextCallDay = new Date(today + 7 * DAY).toISOString();
    expect((await api.invoke('calls.get', { id: callTo(carl).id })).tools).toMatchObject([
      { name: 'schedule_callback', arguments: CALLBACK, result: `scheduled for ${nextCallDay}, the first time the call window and legal hours allow` },
      { name: 'end_call', result: 'hung up' },
    ]);
    expect(enrolments(core.services.store.sqlite, campaignId).find((e) => e.contactId === carl.id)).toMatchObject({
      status: 'pending', attempts: 1, lastOutcome: 'answered', nextAttemptAt: today + 7 * DAY,
    });
    expect((await api.invoke('contacts.get', { id: carl.id })).doNotCall).toBe(false);
    expect(await api.invoke('campaigns.get', { id: campaignId })).toMatchObject({ status: 'running' });
  });
});
