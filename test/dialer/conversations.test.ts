import { describe, expect, it } from 'vitest';
import { callbackAskedAt } from '../../main/dialer/callback';
import type { VirtualClock } from '../../main/platform/clock';
import { CallEvents } from '../../main/telephony/callEvents';
import type { CallEvent, PlaceCallRequest, TelephonyProvider } from '../../main/telephony/port';
import { queueWhy } from '../../renderer/src/monitoring/queueWhy';
import { MINUTE, openWorld, type World } from './dialerFixtures';

type Ended = Omit<Extract<CallEvent, { type: 'ended' }>, 'callId' | 'type' | 'at'>;

/** A provider that answers every call at once, records what it was asked, and ends each call as the test says. */
function answeringProvider() {
  const events = new CallEvents();
  const requests: PlaceCallRequest[] = [];
  let clock: VirtualClock | undefined;
  const provider: TelephonyProvider = {
    name: 'simulator',
    async placeCall(request) {
      requests.push(request);
      events.emit({ callId: request.callId, type: 'answered', at: clock!.now() });
    },
    hangup: async (callId) => events.emit({ callId, type: 'ended', at: clock!.now(), outcome: 'cancelled' }),
    status: async (callId) => events.status(callId, false),
    onEvent: (listener) => events.on(listener),
    close: async () => events.clear(),
  };
  return {
    provider,
    requests,
    bind: (c: VirtualClock) => (clock = c),
    end: (request: PlaceCallRequest, ended: Ended) => events.emit({ callId: request.callId, type: 'ended', at: clock!.now(), ...ended }),
  };
}

const ASSISTANT = {
  engine: 'realtime' as const,
  greeting: 'Hi {{firstName|there}}, this is {{assistant}} from {{company}}.',
  prompt: 'Offer {{custom.plan}} to {{fullName}} ({{jobTitle|no title}}) at {{localTime}} on {{localDate}}.',
  voicemailMessage: 'Please call {{campaign}} back.',
  realtimeVoice: 'cedar',
  transferNumber: '+12125550199',
  maxCallMinutes: 7,
};

/** A world whose calls go to an answering provider, with the assistant above. */
async function talkingWorld(start?: number) {
  const fake = answeringProvider();
  const w = await openWorld({ start, core: { providers: { simulator: fake.provider } } });
  fake.bind(w.clock);
  await w.api.invoke('assistants.update', { id: w.assistantId, ...ASSISTANT });
  return { w, fake };
}

async function runCampaign(w: World, contactIds: string[], extra: Record<string, unknown> = {}) {
  const campaign = await w.createCampaign({ name: 'Spring', maxConcurrentCalls: 2, ...extra });
  await w.enrol(campaign.id, contactIds);
  await w.run(campaign.id, 'start');
  return campaign;
}

describe('the conversation the dialer asks for', () => {
  it('is the assistant’s templates rendered for each contact, with its settings and the call’s context', async () => {
    const { w, fake } = await talkingWorld();
    const [ann] = await w.addContacts(1, () => ({ firstName: 'Ann', lastName: 'Lee', jobTitle: 'CFO', timezone: 'America/New_York', customFields: { plan: 'Gold' } }));
    const [nobody] = await w.addContacts(1, () => ({ firstName: '', lastName: 'Smith' }));
    const campaign = await runCampaign(w, [ann.id, nobody.id]);
    expect(fake.requests).toHaveLength(2);
    const requestTo = (phone: string | null) => fake.requests.find((r) => r.to === phone)!;
    const [forAnn, forNobody] = [requestTo(ann.phone), requestTo(nobody.phone)];
    const instructions = 'Offer Gold to Ann Lee (CFO) at 9:00 AM on Monday, January 12.';
    const greeting = 'Hi Ann, this is Caller from Dialed Inc.';
    expect(forAnn.conversation).toEqual({
      engine: 'realtime',
      instructions,
      greeting,
      voicemailMessage: 'Please call Spring back.',
      model: 'gpt-realtime',
      voice: 'cedar',
      maxCallMs: 7 * MINUTE,
      transferNumber: '+12125550199',
      customParameters: {
        firstName: 'Ann', lastName: 'Lee', fullName: 'Ann Lee', company: 'Dialed Inc', jobTitle: 'CFO', email: '', phone: ann.phone,
        leadStatus: 'new', localTime: '9:00 AM', localDate: 'Monday, January 12', campaign: 'Spring', assistant: 'Caller', 'custom.plan': 'Gold',
        campaignId: campaign.id, contactId: ann.id, callId: forAnn.callId, attempt: '1', prompt: instructions, greeting,
      },
    });
    // no value and a fallback: the fallback; no value and none: nothing
    expect(forNobody.conversation.greeting).toBe('Hi there, this is Caller from Dialed Inc.');
    expect(forNobody.conversation.instructions).toBe('Offer  to Smith (no title) at 9:00 AM on Monday, January 12.');
    expect(forNobody.conversation.customParameters).toMatchObject({ firstName: '', fullName: 'Smith', contactId: nobody.id });
    expect(forNobody.conversation.customParameters).not.toHaveProperty('custom.plan');
  });

  it('stores the ended call’s transcript and tools with its end', async () => {
    const { w, fake } = await talkingWorld();
    const [ann] = await w.addContacts(1);
    await runCampaign(w, [ann.id]);
    await w.advance(MINUTE);
    const [request] = fake.requests;
    const at = w.clock.now();
    fake.end(request, {
      outcome: 'answered',
      transcript: [
        { speaker: 'agent', text: 'Hi Contact, this is Caller', offsetMs: 400, interrupted: true },
        { speaker: 'contact', text: 'Who is this?', offsetMs: 1_900, interrupted: false },
      ],
      tools: [{ name: 'end_call', arguments: { reason: 'done' }, at, result: 'hung up' }],
    });
    const detail = await w.api.invoke('calls.get', { id: request.callId });
    expect(detail).toMatchObject({ outcome: 'answered', durationSeconds: 60 });
    expect(detail.transcript).toEqual([
      { speaker: 'agent', text: 'Hi Contact, this is Caller', offsetMs: 400, interrupted: true },
      { speaker: 'contact', text: 'Who is this?', offsetMs: 1_900, interrupted: false },
    ]);
    expect(detail.tools).toEqual([{ name: 'end_call', arguments: { reason: 'done' }, at: new Date(at).toISOString(), result: 'hung up' }]);
    // numbered as one writer: a turn recorded afterwards comes after them
    await w.core.services.calls.recordTurn(request.callId, { speaker: 'agent', text: 'Goodbye', offsetMs: 2_500 });
    expect((await w.api.invoke('calls.get', { id: request.callId })).transcript.map((t) => t.text)).toEqual(['Hi Contact, this is Caller', 'Who is this?', 'Goodbye']);
  });

  it('ends a transferred call as reached: the contact completes, with no retry', async () => {
    const { w, fake } = await talkingWorld();
    const [ann] = await w.addContacts(1);
    const campaign = await runCampaign(w, [ann.id], { maxAttemptsPerContact: 3 });
    fake.end(fake.requests[0], { outcome: 'transferred', tools: [{ name: 'transfer_call', arguments: { reason: 'wants a person' }, at: w.clock.now(), result: 'transferred' }] });
    expect(w.enrolments(campaign.id)).toMatchObject([{ status: 'completed', lastOutcome: 'transferred', attempts: 1 }]);
    expect(w.calls(campaign.id)).toMatchObject([{ outcome: 'transferred' }]);
    await w.advance(60 * MINUTE);
    expect(fake.requests).toHaveLength(1);
    expect(w.status(campaign.id)).toBe('completed');
  });
});

describe('a callback the person asks for', () => {
  // Saturday 2027-03-13, 16:50 EST; New York moves to EDT at 02:00 the next night
  const SATURDAY_1650_EST = Date.parse('2027-03-13T21:50:00Z');

  it('is clamped into the window across the change to summer time, shown in the queue, and dialed then as the next attempt', async () => {
    const { w, fake } = await talkingWorld(SATURDAY_1650_EST);
    const [ann] = await w.addContacts(1, () => ({ timezone: 'America/New_York' }));
    const campaign = await runCampaign(w, [ann.id], { callWindowStart: '09:00', callWindowEnd: '17:00', callWindowTimezone: 'America/New_York' });
    await w.advance(MINUTE);
    // twelve hours after 16:51 EST is 05:51 EDT: the window opens at 09:00 EDT, 13:00 UTC (not 14:00, as in winter)
    const asked = { name: 'schedule_callback' as const, arguments: { at: 'in 12 hours', note: 'busy' }, at: w.clock.now(), result: 'scheduled' };
    fake.end(fake.requests[0], { outcome: 'answered', tools: [asked], callback: { at: 'in 12 hours', note: 'busy' } });
    const opens = Date.parse('2027-03-14T13:00:00Z');
    expect(w.enrolments(campaign.id)).toMatchObject([{ status: 'pending', nextAttemptAt: opens, attempts: 1, lastOutcome: 'answered' }]);
    const detail = await w.api.invoke('calls.get', { id: fake.requests[0].callId });
    expect(detail.tools).toMatchObject([{ name: 'schedule_callback', result: 'scheduled for 2027-03-14T13:00:00.000Z, the first time the call window and legal hours allow' }]);
    const [row] = (await w.api.invoke('campaigns.contacts', { id: campaign.id, limit: 10, offset: 0 })).items;
    expect(queueWhy(row, w.clock.now())).toBe('Callback requested');
    expect(w.status(campaign.id)).toBe('running');

    await w.clock.runUntil(opens - 1);
    expect(fake.requests).toHaveLength(1);
    await w.clock.runUntil(opens);
    expect(fake.requests.map((r) => r.attempt)).toEqual([1, 2]);
    expect(w.calls(campaign.id)[1].startedAt).toBe(opens);
  });

  it('is not possible once the contact has had its attempts: it completes, and the tool says so', async () => {
    const { w, fake } = await talkingWorld();
    const [ann] = await w.addContacts(1);
    const campaign = await runCampaign(w, [ann.id], { maxAttemptsPerContact: 1 });
    const asked = { name: 'schedule_callback' as const, arguments: { at: 'in 1 hour', note: '' }, at: w.clock.now(), result: 'scheduled' };
    fake.end(fake.requests[0], { outcome: 'answered', tools: [asked], callback: { at: 'in 1 hour', note: '' } });
    expect(w.enrolments(campaign.id)).toMatchObject([{ status: 'completed', attempts: 1 }]);
    expect(w.status(campaign.id)).toBe('completed');
    const detail = await w.api.invoke('calls.get', { id: fake.requests[0].callId });
    expect(detail.tools[0].result).toBe('not possible: the contact has had all 1 attempts');
  });

  it('is not made for a person who opted out on the same call', async () => {
    const { w, fake } = await talkingWorld();
    const [ann] = await w.addContacts(1);
    const campaign = await runCampaign(w, [ann.id]);
    const asked = { name: 'schedule_callback' as const, arguments: { at: 'in 1 hour', note: '' }, at: w.clock.now(), result: 'scheduled' };
    fake.end(fake.requests[0], { outcome: 'answered', optedOut: true, tools: [asked], callback: { at: 'in 1 hour', note: '' } });
    expect(w.enrolments(campaign.id)).toMatchObject([{ status: 'completed' }]);
    expect((await w.api.invoke('contacts.get', { id: ann.id })).doNotCall).toBe(true);
  });

  it('reads "in N minutes/hours/days" from the end, an instant with an offset, and a wall time in the contact’s zone', () => {
    const end = Date.parse('2027-03-13T21:50:00Z');
    expect(callbackAskedAt('in 90 minutes', end, 'America/New_York')).toBe(end + 90 * MINUTE);
    expect(callbackAskedAt('In 2 Hours', end, 'America/New_York')).toBe(end + 120 * MINUTE);
    expect(callbackAskedAt('in 1 day', end, 'America/New_York')).toBe(end + 1440 * MINUTE);
    expect(callbackAskedAt('2027-03-15T10:00:00-04:00', end, 'UTC')).toBe(Date.parse('2027-03-15T14:00:00Z'));
    // 10:30 on the Monday after the change: EDT
    expect(callbackAskedAt('2027-03-15T10:30', end, 'America/New_York')).toBe(Date.parse('2027-03-15T14:30:00Z'));
    expect(callbackAskedAt('tomorrow-ish', end, 'America/New_York')).toBeNull();
  });
});
