import { describe, expect, it } from 'vitest';
import { isInWindow } from '../../shared/time/callWindow';
import { localToInstant } from '../../shared/time/localTime';
import { SKIP_REASONS } from '../../shared/campaigns/types';
import type { Events } from '../../shared/contract/channels';
import { DAY, HOUR, MINUTE, MONDAY_9_NY, maxOverlap, nyPhone, openWorld, overlappingCalls, type World } from './dialerFixtures';

/** Every contact in `phones` answers on the first attempt. */
const allAnswer = (phones: string[]) => Object.fromEntries(phones.map((p) => [p, ['answered' as const]]));

async function answeringContacts(w: World, n: number) {
  const contacts = await w.addContacts(n);
  for (const c of contacts) w.script[c.phone!] = ['answered'];
  return contacts;
}

/** Asserts the calls table never has more than `max` calls of the campaign open at once, nor two for one contact. */
function expectCallInvariants(w: World, campaignId: string, max: number) {
  const rows = w.calls(campaignId);
  expect(maxOverlap(rows.map((r) => ({ start: r.startedAt, end: r.endedAt })))).toBeLessThanOrEqual(max);
  expect(overlappingCalls(rows)).toEqual([]);
  expect(w.tracker.overlaps()).toEqual([]);
}

describe('dialer: concurrency', () => {
  it('start dials up to maxConcurrentCalls at once, and never more while it runs to completion', async () => {
    const w = await openWorld({ seed: 3 });
    const contacts = await w.addContacts(20);
    const campaign = await w.createCampaign({ maxConcurrentCalls: 3 });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    await w.run(campaign.id, 'start');
    // at the very instant of the start, three calls are out and recorded
    expect(w.tracker.live).toBe(3);
    const first = w.calls(campaign.id);
    expect(first).toHaveLength(3);
    expect(first.every((r) => r.startedAt === MONDAY_9_NY && r.status === 'dialing')).toBe(true);
    expect(w.enrolments(campaign.id).filter((e) => e.status === 'calling')).toHaveLength(3);

    await w.runToEnd(campaign.id);
    expect(w.status(campaign.id)).toBe('completed');
    expect(w.tracker.maxLive).toBe(3);
    expectCallInvariants(w, campaign.id, 3);
    const rows = w.calls(campaign.id);
    expect(rows.length).toBeGreaterThan(20); // retries happened with the default mix
    for (const e of w.enrolments(campaign.id)) {
      expect(e.attempts).toBeLessThanOrEqual(3);
      expect(rows.filter((r) => r.contactId === e.contactId)).toHaveLength(e.attempts);
    }
  });

  it('maxConcurrentCalls 1 and 10', async () => {
    for (const max of [1, 10]) {
      const w = await openWorld({ seed: 10 + max });
      const contacts = await w.addContacts(25);
      const campaign = await w.createCampaign({ maxConcurrentCalls: max });
      await w.enrol(campaign.id, contacts.map((c) => c.id));
      await w.run(campaign.id, 'start');
      expect(w.tracker.live).toBe(max);
      await w.runToEnd(campaign.id);
      expect(w.status(campaign.id)).toBe('completed');
      expect(w.tracker.maxLive).toBe(max);
      expectCallInvariants(w, campaign.id, max);
    }
  });

  it('a freed slot dials the next contact at the same virtual instant', async () => {
    const w = await openWorld({ seed: 4 });
    const contacts = await answeringContacts(w, 8);
    const campaign = await w.createCampaign({ maxConcurrentCalls: 2 });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    await w.run(campaign.id, 'start');
    await w.runToEnd(campaign.id);
    const rows = w.calls(campaign.id);
    expect(rows).toHaveLength(8);
    const ends = rows.map((r) => r.endedAt!).sort((a, b) => a - b);
    // the first two start at the start; each later one at the instant an earlier call ended
    expect(rows.slice(0, 2).every((r) => r.startedAt === MONDAY_9_NY)).toBe(true);
    for (const r of rows.slice(2)) expect(ends).toContain(r.startedAt);
    // and the queue order is kept: enrolment order
    expect(rows.map((r) => r.contactId)).toEqual(w.enrolments(campaign.id).map((e) => e.contactId));
  });
});

describe('dialer: pause, resume, cancel', () => {
  it('pause stops new dials while the calls in progress finish normally; resume continues', async () => {
    const w = await openWorld({ seed: 5 });
    const contacts = await answeringContacts(w, 9);
    const campaign = await w.createCampaign({ maxConcurrentCalls: 3 });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    await w.run(campaign.id, 'start');
    await w.advance(10_000);
    expect(w.tracker.live).toBe(3);

    await w.run(campaign.id, 'pause');
    const pausedAt = w.clock.now();
    expect(w.tracker.live).toBe(3); // not hung up
    await w.advance(2 * HOUR);
    const afterPause = w.calls(campaign.id);
    expect(afterPause).toHaveLength(3);
    expect(afterPause.every((r) => r.status === 'ended' && r.outcome === 'answered' && r.endedAt! > pausedAt)).toBe(true);
    expect(w.tracker.live).toBe(0);
    expect(w.enrolments(campaign.id).filter((e) => e.status === 'calling')).toHaveLength(0);
    expect(w.status(campaign.id)).toBe('paused');

    await w.run(campaign.id, 'resume');
    const resumedAt = w.clock.now();
    expect(w.tracker.live).toBe(3);
    expect(w.calls(campaign.id).filter((r) => r.startedAt === resumedAt)).toHaveLength(3);
    await w.runToEnd(campaign.id);
    expect(w.status(campaign.id)).toBe('completed');
    const rows = w.calls(campaign.id);
    expect(rows).toHaveLength(9);
    expect(rows.filter((r) => r.startedAt > pausedAt && r.startedAt < resumedAt)).toHaveLength(0);
    expectCallInvariants(w, campaign.id, 3);
  });

  it('cancel hangs up the calls in progress (outcome cancelled) and dials nothing more', async () => {
    const w = await openWorld({ seed: 6 });
    const contacts = await answeringContacts(w, 9);
    const campaign = await w.createCampaign({ maxConcurrentCalls: 3 });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    const ended: Events['calls.changed'][] = [];
    w.core.services.events.on('calls.changed', (e) => e.status === 'ended' && ended.push(e));
    await w.run(campaign.id, 'start');
    await w.advance(1500); // dialing or ringing, not answered yet
    await w.run(campaign.id, 'cancel');
    const cancelledAt = w.clock.now();
    expect(w.tracker.live).toBe(0);
    const rows = w.calls(campaign.id);
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(r.status).toBe('ended');
      expect(r.outcome).toBe('cancelled');
      expect(r.endedAt).toBe(cancelledAt);
    }
    expect(ended.map((e) => e.outcome)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    await w.advance(3 * DAY);
    expect(w.calls(campaign.id)).toHaveLength(3);
    expect(w.status(campaign.id)).toBe('cancelled');
    expect(w.enrolments(campaign.id).filter((e) => e.status === 'calling')).toHaveLength(0);
  });

  it('cancel while calls are answered ends them too', async () => {
    const w = await openWorld({ seed: 7 });
    const contacts = await answeringContacts(w, 4);
    const campaign = await w.createCampaign({ maxConcurrentCalls: 2 });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    await w.run(campaign.id, 'start');
    await w.advance(15_000); // picked up (3–8 s after ringing), still talking
    expect(w.calls(campaign.id).every((r) => r.answeredAt !== null)).toBe(true);
    await w.run(campaign.id, 'cancel');
    expect(w.tracker.live).toBe(0);
    expect(w.calls(campaign.id).every((r) => r.status === 'ended' && r.endedAt === w.clock.now())).toBe(true);
    await w.advance(DAY);
    expect(w.calls(campaign.id)).toHaveLength(2);
  });
});

describe('dialer: do-not-call at the moment of dialing', () => {
  it('a contact made DNC or do_not_contact after enrolment is never dialed and is skipped with its reason', async () => {
    const w = await openWorld({ seed: 8 });
    const contacts = await answeringContacts(w, 8);
    const campaign = await w.createCampaign({ maxConcurrentCalls: 1 });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    // before the start
    await w.api.invoke('contacts.update', { id: contacts[1].id, doNotCall: true });
    await w.run(campaign.id, 'start');
    // mid-campaign, while the first call is in progress, two contacts still waiting in the queue (read ahead already)
    const waiting = w.enrolments(campaign.id).filter((e) => e.status === 'pending' && e.contactId !== contacts[1].id);
    expect(waiting.length).toBe(6);
    const dnc = waiting[1].contactId;
    const doNotContact = waiting[3].contactId;
    await w.api.invoke('contacts.update', { id: dnc, doNotCall: true });
    await w.api.invoke('contacts.update', { id: doNotContact, leadStatus: 'do_not_contact' });
    await w.runToEnd(campaign.id);
    expect(w.status(campaign.id)).toBe('completed');
    const dialed = new Set(w.calls(campaign.id).map((r) => r.contactId));
    expect(dialed.has(contacts[1].id)).toBe(false);
    expect(dialed.has(dnc)).toBe(false);
    expect(dialed.has(doNotContact)).toBe(false);
    expect(dialed.size).toBe(5);
    const byContact = new Map(w.enrolments(campaign.id).map((e) => [e.contactId, e]));
    expect(byContact.get(contacts[1].id)).toMatchObject({ status: 'skipped', skipReason: 'do_not_call', attempts: 0 });
    expect(byContact.get(dnc)).toMatchObject({ status: 'skipped', skipReason: 'do_not_call', attempts: 0 });
    expect(byContact.get(doNotContact)).toMatchObject({ status: 'skipped', skipReason: 'do_not_contact', attempts: 0 });
    const dashboard = await w.core.services.dashboard.dashboard(w.core.localTeam, campaign.id);
    expect(dashboard.skips).toMatchObject({ do_not_call: 2, do_not_contact: 1 });
  });

  it('a contact who opts out on a call is marked do-not-call and never called again, by any campaign', async () => {
    const w = await openWorld({ seed: 23 });
    const [contact] = await answeringContacts(w, 1);
    w.optOuts.add(contact.phone!);
    const first = await w.createCampaign({ maxConcurrentCalls: 1 });
    const second = await w.createCampaign({ maxConcurrentCalls: 1 });
    await w.enrol(first.id, [contact.id]);
    await w.enrol(second.id, [contact.id]);
    await w.run(first.id, 'start');
    await w.runToEnd(first.id);
    expect(w.calls(first.id).map((r) => r.outcome)).toEqual(['answered']);
    expect((await w.api.invoke('contacts.get', { id: contact.id })).doNotCall).toBe(true);
    await w.run(second.id, 'start');
    await w.runToEnd(second.id, DAY);
    expect(w.calls(second.id)).toEqual([]);
    expect(w.enrolments(second.id)[0]).toMatchObject({ status: 'skipped', skipReason: 'do_not_call' });
    const audit = await w.api.invoke('compliance.decisions', { campaignId: first.id, contactId: contact.id });
    expect(audit.items[0]).toMatchObject({ kind: 'skip', rule: 'do_not_call' });
  });

  it('a contact made DNC between two attempts gets no further attempt', async () => {
    const w = await openWorld({ seed: 9 });
    const [contact] = await w.addContacts(1);
    w.script[contact.phone!] = ['no_answer', 'no_answer', 'answered'];
    const campaign = await w.createCampaign({ maxConcurrentCalls: 1, retryDelayMinutesNoAnswer: 30 });
    await w.enrol(campaign.id, [contact.id]);
    await w.run(campaign.id, 'start');
    await w.advance(5 * MINUTE); // first attempt over, retry due in 30 minutes
    expect(w.calls(campaign.id)).toHaveLength(1);
    await w.api.invoke('contacts.update', { id: contact.id, doNotCall: true });
    await w.runToEnd(campaign.id, 2 * DAY);
    expect(w.calls(campaign.id)).toHaveLength(1);
    expect(w.enrolments(campaign.id)[0]).toMatchObject({ status: 'skipped', skipReason: 'do_not_call', attempts: 1 });
    expect(w.status(campaign.id)).toBe('completed');
  });
});

describe('dialer: queue order', () => {
  it('priority first, then enrolment order: a due retry of an earlier contact goes before later new contacts', async () => {
    const w = await openWorld({ seed: 21 });
    const contacts = await answeringContacts(w, 30);
    const campaign = await w.createCampaign({ maxConcurrentCalls: 1, retryDelayMinutesNoAnswer: 5 });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    const enrolmentOrder = w.enrolments(campaign.id).sort((a, b) => a.seq - b.seq).map((e) => e.contactId);
    const first = contacts.find((c) => c.id === enrolmentOrder[0])!;
    w.script[first.phone!] = ['no_answer', 'answered'];
    const [urgent] = await answeringContacts(w, 1);
    await w.api.invoke('campaigns.enrol', { id: campaign.id, contactIds: [urgent.id], priority: 5 });
    await w.run(campaign.id, 'start');
    await w.advance(40 * MINUTE);
    const rows = w.calls(campaign.id);
    expect(rows[0].contactId).toBe(urgent.id); // highest priority first, although enrolled last
    expect(rows[1].contactId).toBe(first.id);
    const retryDue = rows[1].endedAt! + 5 * MINUTE;
    const firstAfterDue = rows.find((r) => r.startedAt >= retryDue)!;
    expect(firstAfterDue).toMatchObject({ contactId: first.id, attempt: 2 });
    // the new contacts called meanwhile went in enrolment order
    const newOnes = rows.slice(2, rows.indexOf(firstAfterDue)).map((r) => r.contactId);
    expect(newOnes.length).toBeGreaterThan(0);
    expect(newOnes).toEqual(enrolmentOrder.slice(1, 1 + newOnes.length));
  });
});

describe('dialer: the call window', () => {
  it('no calls while the window is closed; dialing starts by itself when it opens (a timer, no pump)', async () => {
    const start = localToInstant('2026-01-12T06:00', 'America/New_York')!;
    const w = await openWorld({ start, seed: 10 });
    const contacts = await answeringContacts(w, 4);
    const campaign = await w.createCampaign({ maxConcurrentCalls: 2, callWindowStart: '09:00', callWindowEnd: '17:00', useContactTimezone: false });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    await w.run(campaign.id, 'start');
    expect(w.tracker.live).toBe(0);
    expect(w.clock.peek()).not.toBeNull();
    expect(w.clock.peek()!).toBeLessThanOrEqual(MONDAY_9_NY);
    await w.clock.runUntil(MONDAY_9_NY - 1);
    expect(w.calls(campaign.id)).toHaveLength(0);
    await w.clock.runUntil(MONDAY_9_NY);
    expect(w.tracker.live).toBe(2);
    await w.runToEnd(campaign.id);
    const rows = w.calls(campaign.id);
    expect(rows).toHaveLength(4);
    expect(rows[0].startedAt).toBe(MONDAY_9_NY);
    for (const r of rows) expect(isInWindow(r.startedAt, 'America/New_York', { start: '09:00', end: '17:00', days: null })).toBe(true);
  });

  it('a retry that falls after the window closes waits for the next opening (not dropped)', async () => {
    const w = await openWorld({ seed: 11 });
    const [contact] = await w.addContacts(1);
    w.script[contact.phone!] = ['no_answer', 'answered'];
    const campaign = await w.createCampaign({ callWindowStart: '09:00', callWindowEnd: '09:01', useContactTimezone: false, retryDelayMinutesNoAnswer: 5 });
    await w.enrol(campaign.id, [contact.id]);
    await w.run(campaign.id, 'start');
    await w.runToEnd(campaign.id, 3 * DAY);
    const rows = w.calls(campaign.id);
    expect(rows.map((r) => r.outcome)).toEqual(['no_answer', 'answered']);
    expect(rows[0].startedAt).toBe(MONDAY_9_NY);
    expect(rows[1].startedAt).toBe(MONDAY_9_NY + DAY); // Tuesday 09:00
    expect(w.status(campaign.id)).toBe('completed');
  });

  it('callDays: a Friday-evening start waits for Monday', async () => {
    const friday = localToInstant('2026-01-16T18:00', 'America/New_York')!;
    const w = await openWorld({ start: friday, seed: 12 });
    const contacts = await answeringContacts(w, 2);
    const campaign = await w.createCampaign({ callWindowStart: '09:00', callWindowEnd: '17:00', useContactTimezone: false, callDays: [1, 2, 3, 4, 5] });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    await w.run(campaign.id, 'start');
    await w.runToEnd(campaign.id, 7 * DAY);
    expect(w.calls(campaign.id)[0].startedAt).toBe(localToInstant('2026-01-19T09:00', 'America/New_York'));
  });

  it('in the contact’s local time: each zone opens at its own 09:00; a two-zone area code waits for both', async () => {
    const start = localToInstant('2026-01-12T05:00', 'America/New_York')!;
    const w = await openWorld({ start, seed: 13 });
    const phones = { ny: '+12125550301', chicago: '+13125550302', denver: '+13035550303', la: '+14155550304', idaho: '+12085550305', own: '+12125550306' };
    const contacts = await w.addContacts(6, (i) => ({ phone: Object.values(phones)[i], ...(i === 5 ? { timezone: 'America/Anchorage' } : {}) }));
    Object.assign(w.script, allAnswer(Object.values(phones)));
    const campaign = await w.createCampaign({ maxConcurrentCalls: 10, callWindowStart: '09:00', callWindowEnd: '17:00', useContactTimezone: true });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    await w.run(campaign.id, 'start');
    await w.runToEnd(campaign.id, 2 * DAY);
    const startOf = (phone: string) => w.calls(campaign.id).find((r) => r.toNumber === phone)!.startedAt;
    expect(startOf(phones.ny)).toBe(Date.parse('2026-01-12T14:00:00Z'));
    expect(startOf(phones.chicago)).toBe(Date.parse('2026-01-12T15:00:00Z'));
    expect(startOf(phones.denver)).toBe(Date.parse('2026-01-12T16:00:00Z'));
    expect(startOf(phones.la)).toBe(Date.parse('2026-01-12T17:00:00Z'));
    expect(startOf(phones.idaho)).toBe(Date.parse('2026-01-12T17:00:00Z')); // Boise opens at 16:00Z, Los Angeles at 17:00Z
    expect(startOf(phones.own)).toBe(Date.parse('2026-01-12T18:00:00Z')); // its own zone (Anchorage) beats the number's
  });

  it('a number spanning zones whose windows never overlap is skipped as such, and the campaign completes', async () => {
    const w = await openWorld({ seed: 14 });
    const contacts = await answeringContacts(w, 2);
    // contact 2's number maps to two zones that never share 09:00–17:00
    w.sqlite.prepare("UPDATE contacts SET phone_zones = 'Asia/Kolkata|America/Los_Angeles' WHERE id = ?").run(contacts[1].id);
    const campaign = await w.createCampaign({ callWindowStart: '09:00', callWindowEnd: '17:00', useContactTimezone: true });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    await w.run(campaign.id, 'start');
    await w.runToEnd(campaign.id, 3 * DAY);
    const rows = w.calls(campaign.id);
    expect(rows.map((r) => r.contactId)).toEqual([contacts[0].id]);
    expect(w.enrolments(campaign.id).find((e) => e.contactId === contacts[1].id)).toMatchObject({ status: 'skipped', skipReason: 'no_common_window' });
    expect(w.status(campaign.id)).toBe('completed');
    const dashboard = await w.api.invoke('campaigns.dashboard', { id: campaign.id });
    expect(dashboard.skips.no_common_window).toBe(1);
  });
});

describe('dialer: legal calling hours (the guard, on by default)', () => {
  it('a window opening before 08:00 where the contacts are waits for 08:00, says so on the dashboard, and records the hold once', async () => {
    const start = localToInstant('2026-01-12T06:00', 'America/New_York')!;
    const w = await openWorld({ start, seed: 24 });
    const contacts = await answeringContacts(w, 3);
    const campaign = await w.createCampaign({ maxConcurrentCalls: 3, callWindowStart: '06:00', callWindowEnd: '23:00', useContactTimezone: false });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    await w.run(campaign.id, 'start');
    await w.advance(HOUR);
    expect(w.calls(campaign.id)).toEqual([]);
    const eight = localToInstant('2026-01-12T08:00', 'America/New_York')!;
    const dashboard = await w.api.invoke('campaigns.dashboard', { id: campaign.id });
    expect(dashboard).toMatchObject({ heldBy: 'legal_hours', heldUntil: new Date(eight).toISOString() });
    await w.advance(2 * HOUR);
    expect(w.calls(campaign.id).map((r) => r.startedAt)).toEqual([eight, eight, eight]);
    const holds = await w.api.invoke('compliance.decisions', { campaignId: campaign.id });
    expect(holds.items).toEqual([
      expect.objectContaining({ contactId: null, kind: 'hold', rule: 'legal_hours', reason: 'outside legal hours 08:00–21:00 in America/New_York', until: new Date(eight).toISOString() }),
    ]);
  });

  it('a window that never meets legal hours skips its contacts as such, and the campaign completes', async () => {
    const w = await openWorld({ seed: 25 });
    const contacts = await answeringContacts(w, 2);
    const campaign = await w.createCampaign({ callWindowStart: '21:30', callWindowEnd: '23:30', useContactTimezone: false });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    await w.run(campaign.id, 'start');
    await w.runToEnd(campaign.id, DAY);
    expect(w.calls(campaign.id)).toEqual([]);
    expect(w.enrolments(campaign.id).map((e) => [e.status, e.skipReason])).toEqual([
      ['skipped', 'no_legal_window'],
      ['skipped', 'no_legal_window'],
    ]);
    expect(w.status(campaign.id)).toBe('completed');
  });
});

describe('dialer: completion and keepOpen', () => {
  it('completes when every contact is finished (keepOpen false), at the instant the last call ends', async () => {
    const w = await openWorld({ seed: 15 });
    const contacts = await w.addContacts(6);
    const noPhone = await w.api.invoke('contacts.create', { companyId: w.companyId, firstName: 'No', lastName: 'Phone' });
    const campaign = await w.createCampaign({ maxConcurrentCalls: 2 });
    await w.enrol(campaign.id, [...contacts.map((c) => c.id), noPhone.id]);
    const changed: string[] = [];
    w.core.services.events.on('campaigns.changed', (e) => e.campaignId === campaign.id && changed.push(w.status(campaign.id)));
    await w.run(campaign.id, 'start');
    await w.runToEnd(campaign.id);
    expect(w.status(campaign.id)).toBe('completed');
    expect(changed).toContain('completed');
    const lastEnd = Math.max(...w.calls(campaign.id).map((r) => r.endedAt!));
    const completedAt = w.sqlite.prepare('SELECT completed_at FROM campaigns WHERE id = ?').pluck().get(campaign.id);
    expect(completedAt).toBe(lastEnd);
    expect(w.enrolments(campaign.id).every((e) => ['completed', 'failed', 'skipped'].includes(e.status))).toBe(true);
    // completion does not dial anything more
    const n = w.calls(campaign.id).length;
    await w.advance(DAY);
    expect(w.calls(campaign.id)).toHaveLength(n);
  });

  it('a campaign whose contacts are all skipped completes at the start', async () => {
    const w = await openWorld({ seed: 16 });
    const contacts = await w.addContacts(2, () => ({ doNotCall: true }));
    const campaign = await w.createCampaign();
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    await w.run(campaign.id, 'start');
    await w.advance(1);
    expect(w.status(campaign.id)).toBe('completed');
    expect(w.calls(campaign.id)).toHaveLength(0);
  });

  it('keepOpen stays running when everyone is done, and dials contacts added later at once', async () => {
    const w = await openWorld({ seed: 17 });
    const contacts = await answeringContacts(w, 2);
    const campaign = await w.createCampaign({ keepOpen: true, maxConcurrentCalls: 2 });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    await w.run(campaign.id, 'start');
    await w.advance(DAY);
    expect(w.status(campaign.id)).toBe('running');
    expect(w.calls(campaign.id)).toHaveLength(2);
    expect(w.tracker.live).toBe(0);

    const [later] = await answeringContacts(w, 1);
    await w.enrol(campaign.id, [later.id]);
    expect(w.tracker.live).toBe(1);
    const rows = w.calls(campaign.id);
    expect(rows).toHaveLength(3);
    expect(rows[2]).toMatchObject({ contactId: later.id, startedAt: w.clock.now() });
    await w.advance(DAY);
    expect(w.status(campaign.id)).toBe('running');
    expect(w.enrolments(campaign.id).every((e) => e.status === 'completed')).toBe(true);
  });

  it('evergreen: a new company contact joins a keepOpen all_eligible campaign and gets dialed', async () => {
    const w = await openWorld({ seed: 26, core: { safetyTickMs: 30_000 } });
    await answeringContacts(w, 1);
    const campaign = await w.createCampaign({ keepOpen: true });
    await w.api.invoke('campaigns.enrol', { id: campaign.id, audience: { mode: 'all_eligible', companyId: w.companyId, hasPhoneOnly: true, excludeDnc: true } });
    await w.run(campaign.id, 'start');
    await w.advance(DAY);
    expect(w.calls(campaign.id)).toHaveLength(1);
    const [added] = await answeringContacts(w, 1);
    expect(w.enrolments(campaign.id).map((e) => e.contactId)).toContain(added.id);
    const addedAt = w.clock.now();
    // a contact added later to a keepOpen campaign is dialed too, at the latest by the next 30 s safety tick
    await w.advance(30_000);
    const rows = w.calls(campaign.id).filter((r) => r.contactId === added.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].startedAt - addedAt).toBeLessThanOrEqual(30_000);
  });

  it('noAutoComplete (the API alias) behaves as keepOpen', async () => {
    const w = await openWorld({ seed: 18 });
    const contacts = await answeringContacts(w, 1);
    const campaign = await w.createCampaign({ noAutoComplete: true });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    await w.run(campaign.id, 'start');
    await w.advance(DAY);
    expect(w.status(campaign.id)).toBe('running');
  });
});

describe('dialer: retries and caller ID through the scheduler', () => {
  it('retries after the outcome’s delay counted from the end of the previous attempt, from the same number', async () => {
    const w = await openWorld({ seed: 19 });
    const contacts = await w.addContacts(3);
    w.script[contacts[0].phone!] = ['no_answer', 'busy', 'answered'];
    w.script[contacts[1].phone!] = ['busy', 'busy', 'busy', 'busy'];
    w.script[contacts[2].phone!] = ['failed', 'answered'];
    const campaign = await w.createCampaign({ maxConcurrentCalls: 3, retryDelayMinutesNoAnswer: 7, retryDelayMinutesBusy: 11, maxAttemptsPerContact: 3 });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    await w.run(campaign.id, 'start');
    await w.runToEnd(campaign.id);
    const of = (i: number) => w.calls(campaign.id).filter((r) => r.contactId === contacts[i].id);
    const a = of(0);
    expect(a.map((r) => r.outcome)).toEqual(['no_answer', 'busy', 'answered']);
    expect(a[1].startedAt).toBe(a[0].endedAt! + 7 * MINUTE);
    expect(a[2].startedAt).toBe(a[1].endedAt! + 11 * MINUTE);
    expect(a.map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(new Set(a.map((r) => r.fromNumberId)).size).toBe(1);
    // the shared budget (3) stops the busy contact
    expect(of(1).map((r) => r.outcome)).toEqual(['busy', 'busy', 'busy']);
    expect(new Set(of(1).map((r) => r.fromNumberId)).size).toBe(1);
    // failed is not retried by default
    expect(of(2).map((r) => r.outcome)).toEqual(['failed']);
    const e = new Map(w.enrolments(campaign.id).map((r) => [r.contactId, r]));
    expect(e.get(contacts[0].id)).toMatchObject({ status: 'completed', attempts: 3, noAnswerAttempts: 1, busyAttempts: 1 });
    expect(e.get(contacts[1].id)).toMatchObject({ status: 'completed', attempts: 3, busyAttempts: 3 });
    expect(e.get(contacts[2].id)).toMatchObject({ status: 'failed', attempts: 1, errorAttempts: 1 });
  });

  it('exponential backoff with a cap, and retryOnError', async () => {
    const w = await openWorld({ seed: 20 });
    const [c] = await w.addContacts(1);
    w.script[c.phone!] = ['failed', 'failed', 'failed', 'failed', 'answered'];
    // the retry timing alone: no rolling cap (it is tested below)
    const campaign = await w.createCampaign({ retryOnError: true, retryDelayMinutesError: 10, retryBackoff: 'exponential', retryBackoffMultiplier: 3, retryBackoffCapMinutes: 60, maxAttemptsPerContact: 5, rollingCapPer24h: null });
    await w.enrol(campaign.id, [c.id]);
    await w.run(campaign.id, 'start');
    await w.runToEnd(campaign.id);
    const rows = w.calls(campaign.id);
    expect(rows.map((r) => r.outcome)).toEqual(['failed', 'failed', 'failed', 'failed', 'answered']);
    const gaps = rows.slice(1).map((r, i) => (r.startedAt - rows[i].endedAt!) / MINUTE);
    expect(gaps).toEqual([10, 30, 60, 60]);
  });

  it('a cap lowered while paused finishes the contacts that used it up, and the campaign completes', async () => {
    const w = await openWorld({ seed: 26 });
    const contacts = await w.addContacts(40);
    for (const c of contacts) w.script[c.phone!] = ['no_answer', 'no_answer', 'no_answer', 'no_answer'];
    const campaign = await w.createCampaign({ maxConcurrentCalls: 10, maxAttemptsPerContact: 4, retryDelayMinutesNoAnswer: 30, rollingCapPer24h: null });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    await w.run(campaign.id, 'start');
    await w.advance(40 * MINUTE); // everyone has had two attempts by now, the third is 30 minutes away
    await w.run(campaign.id, 'pause');
    await w.advance(10 * MINUTE);
    expect(w.enrolments(campaign.id).every((e) => e.attempts === 2 && e.status === 'pending')).toBe(true);
    await w.api.invoke('campaigns.update', { id: campaign.id, maxAttemptsPerContact: 2 });
    await w.run(campaign.id, 'resume');
    await w.runToEnd(campaign.id, DAY);
    expect(w.status(campaign.id)).toBe('completed');
    expect(w.calls(campaign.id)).toHaveLength(80);
    for (const e of w.enrolments(campaign.id)) {
      expect(e.status).not.toBe('pending');
      expect(w.calls(campaign.id).filter((r) => r.contactId === e.contactId).length).toBe(e.attempts);
    }
  });

  it('the rolling cap (default 3 a day per number) holds a fourth attempt until the first leaves the 24 hours, and says why', async () => {
    const w = await openWorld({ seed: 22 });
    const [c] = await w.addContacts(1);
    w.script[c.phone!] = ['no_answer', 'no_answer', 'no_answer', 'answered'];
    const campaign = await w.createCampaign({ retryDelayMinutesNoAnswer: 5, maxAttemptsPerContact: 5, callWindowStart: '00:00', callWindowEnd: '23:59', useContactTimezone: false, legalHoursGuard: false });
    await w.enrol(campaign.id, [c.id]);
    await w.run(campaign.id, 'start');
    await w.runToEnd(campaign.id, 3 * DAY);
    const rows = w.calls(campaign.id);
    expect(rows.map((r) => r.outcome)).toEqual(['no_answer', 'no_answer', 'no_answer', 'answered']);
    expect(rows[3].startedAt).toBe(rows[0].startedAt + DAY); // the first attempt has just left the 24 hours before it
    const decisions = await w.api.invoke('compliance.decisions', { campaignId: campaign.id, contactId: c.id });
    expect(decisions.items).toEqual([expect.objectContaining({ kind: 'hold', rule: 'rolling_cap', until: new Date(rows[3].startedAt).toISOString() })]);
  });

  it('spreads contacts over the selected numbers, skipping a suspended one', async () => {
    const w = await openWorld({ seed: 21 });
    const contacts = await answeringContacts(w, 40);
    const campaign = await w.createCampaign({ maxConcurrentCalls: 10 });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    await w.run(campaign.id, 'start');
    await w.runToEnd(campaign.id);
    const used = new Map<string, number>();
    for (const r of w.calls(campaign.id)) used.set(r.fromNumberId!, (used.get(r.fromNumberId!) ?? 0) + 1);
    expect([...used.keys()].sort()).toEqual([...w.numberIds].sort());
    for (const n of used.values()) expect(n).toBeGreaterThan(5);

    const more = await answeringContacts(w, 10);
    const second = await w.createCampaign({ maxConcurrentCalls: 5 });
    await w.enrol(second.id, more.map((c) => c.id));
    await w.api.invoke('phoneNumbers.update', { id: w.numberIds[0], status: 'suspended' });
    await w.run(second.id, 'start');
    await w.runToEnd(second.id);
    expect(new Set(w.calls(second.id).map((r) => r.fromNumberId))).toEqual(new Set([w.numberIds[1]]));
  });
});

describe('dialer: scheduled start', () => {
  it('a scheduled campaign starts by itself at its time and dials at that instant', async () => {
    const w = await openWorld({ seed: 22 });
    const contacts = await answeringContacts(w, 3);
    const at = MONDAY_9_NY + 90 * MINUTE;
    const campaign = await w.createCampaign({ scheduledStartAt: new Date(at).toISOString(), maxConcurrentCalls: 3 });
    expect(campaign.status).toBe('scheduled');
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    await w.clock.runUntil(at - 1);
    expect(w.status(campaign.id)).toBe('scheduled');
    expect(w.calls(campaign.id)).toHaveLength(0);
    await w.clock.runUntil(at);
    expect(w.status(campaign.id)).toBe('running');
    expect(w.calls(campaign.id).map((r) => r.startedAt)).toEqual([at, at, at]);
  });
});

describe('dialer: dashboard and events', () => {
  it('dashboard counters match a direct count of calls and enrolments, at every checkpoint', async () => {
    const w = await openWorld({ seed: 23 });
    const team = w.core.localTeam;
    const contacts = await w.addContacts(30);
    const extra = [
      await w.api.invoke('contacts.create', { companyId: w.companyId, firstName: 'No', lastName: 'Phone' }),
      await w.api.invoke('contacts.create', { companyId: w.companyId, firstName: 'D', lastName: 'NC', phone: nyPhone(), doNotCall: true }),
    ];
    const campaign = await w.createCampaign({ maxConcurrentCalls: 4, retryOnError: true });
    await w.enrol(campaign.id, [...contacts, ...extra].map((c) => c.id));
    await w.run(campaign.id, 'start');

    const check = async (label: string) => {
      const d = await w.core.services.dashboard.dashboard(team, campaign.id);
      const rows = w.calls(campaign.id);
      const en = w.enrolments(campaign.id);
      const count = (status: string) => en.filter((e) => e.status === status).length;
      expect(d.total, label).toBe(en.length);
      expect({ pending: d.pending, calling: d.calling, completed: d.completed, failed: d.failed, skipped: d.skipped }, label).toEqual({
        pending: count('pending'),
        calling: count('calling'),
        completed: count('completed'),
        failed: count('failed'),
        skipped: count('skipped'),
      });
      for (const outcome of Object.keys(d.outcomes) as (keyof typeof d.outcomes)[]) {
        expect(d.outcomes[outcome], `${label} ${outcome}`).toBe(rows.filter((r) => r.outcome === outcome).length);
      }
      expect(d.answered, label).toBe(rows.filter((r) => r.outcome === 'answered').length);
      expect(d.skips, label).toEqual(Object.fromEntries(SKIP_REASONS.map((r) => [r, en.filter((e) => e.skipReason === r).length])));
      const ended = rows.filter((r) => r.status === 'ended').length;
      const finished = count('completed') + count('failed') + count('skipped');
      expect({ callsEnded: d.callsEnded, finished: d.finished }, label).toEqual({ callsEnded: ended, finished });
      expect(d.answerRate, label).toBe(ended ? d.answered / ended : null);
      expect(d.completionRate, label).toBe(en.length ? finished / en.length : null);
      expect(d.callsInProgress.map((c) => c.id).sort(), label).toEqual(rows.filter((r) => r.status !== 'ended').map((r) => r.id).sort());
      expect(d.callsInProgress.length, label).toBe(w.tracker.live);
      expect(d.recentCalls.length, label).toBe(Math.min(20, rows.filter((r) => r.status === 'ended').length));
      expect(d.status, label).toBe(w.status(campaign.id));
    };

    await check('at the start');
    for (let i = 0; i < 40 && w.status(campaign.id) === 'running'; i++) {
      await w.advance(97_000);
      await check(`after ${i + 1} steps`);
    }
    await w.runToEnd(campaign.id);
    await check('at the end');
    expect(w.status(campaign.id)).toBe('completed');
  });

  it("'calls.changed' follows every call: dialing, ringing, (in_progress), ended with its outcome", async () => {
    const w = await openWorld({ seed: 24 });
    const contacts = await w.addContacts(12);
    const campaign = await w.createCampaign({ maxConcurrentCalls: 3 });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    const seen = new Map<string, Events['calls.changed'][]>();
    w.core.services.events.on('calls.changed', (e) => seen.set(e.callId, [...(seen.get(e.callId) ?? []), e]));
    await w.run(campaign.id, 'start');
    await w.runToEnd(campaign.id);
    const rows = w.calls(campaign.id);
    expect(seen.size).toBe(rows.length);
    for (const r of rows) {
      const events = seen.get(r.id)!;
      expect(events.every((e) => e.campaignId === campaign.id)).toBe(true);
      // (consecutive repeats folded: the dialer announces 'dialing' itself and again when the provider reports it)
      const statuses = events.map((e) => e.status).filter((s, i, all) => i === 0 || s !== all[i - 1]);
      expect(statuses[0]).toBe('dialing');
      expect(statuses[1]).toBe('ringing');
      expect(statuses[statuses.length - 1]).toBe('ended');
      expect(statuses.filter((s) => s === 'ended')).toHaveLength(1);
      expect(events[events.length - 1].outcome).toBe(r.outcome);
      if (r.answeredAt !== null) expect(statuses).toContain('in_progress');
    }
  });

  it('the demo data dials through the simulator and its dashboard moves', async () => {
    const w = await openWorld({ seed: 25, demo: true });
    const companies = await w.api.invoke('companies.list', { search: 'Northwind', limit: 5, offset: 0 });
    const company = companies.items[0];
    const assistants = await w.api.invoke('assistants.list', {});
    const riley = assistants.find((a) => a.name.startsWith('Riley'))!;
    const numbers = await w.api.invoke('phoneNumbers.list', { assistantId: riley.id });
    const campaign = await w.api.invoke('campaigns.create', {
      name: 'Demo',
      assistantId: riley.id,
      companyId: company.id,
      fromNumberIds: numbers.map((n) => n.id),
      callWindowStart: '00:00',
      callWindowEnd: '23:59',
      maxConcurrentCalls: 5,
    });
    const enrolled = await w.api.invoke('campaigns.enrol', { id: campaign.id, audience: { mode: 'all_eligible', companyId: company.id, hasPhoneOnly: false, excludeDnc: false } });
    expect(enrolled.enrolled + enrolled.skipped).toBe(200);
    await w.run(campaign.id, 'start');
    const before = await w.core.services.dashboard.dashboard(w.core.localTeam, campaign.id);
    expect(before.calling).toBe(5);
    await w.advance(HOUR);
    const after = await w.core.services.dashboard.dashboard(w.core.localTeam, campaign.id);
    expect(after.completed + after.failed).toBeGreaterThan(before.completed + before.failed);
    expect(after.skips.no_phone + after.skips.do_not_call).toBe(enrolled.skipped);
    await w.runToEnd(campaign.id);
    expect(w.status(campaign.id)).toBe('completed');
    expectCallInvariants(w, campaign.id, 5);
  });
});
