import { describe, expect, it } from 'vitest';
import { SIMULATED_FAILURE } from '../../main/telephony/simulator';
import { MINUTE, openWorld, type World } from '../dialer/dialerFixtures';

/** 07:00 UTC on Monday 2026-01-12: 02:00 in New York, 07:00 in Abidjan (UTC all year). */
const SEVEN_UTC = Date.parse('2026-01-12T07:00:00Z');

const queue = async (w: World, id: string) => (await w.api.invoke('campaigns.contacts', { id, limit: 50, offset: 0 })).items;

describe('the queue says what holds a due contact', () => {
  it("the campaign's window, and when it opens, in the window's zone (the dashboard agrees)", async () => {
    const w = await openWorld({ start: SEVEN_UTC });
    const contacts = await w.addContacts(3);
    const campaign = await w.createCampaign({ callWindowStart: '09:00', callWindowEnd: '17:00', callWindowTimezone: 'Africa/Abidjan', useContactTimezone: false, legalHoursGuard: false });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    expect((await queue(w, campaign.id)).map((c) => c.hold)).toEqual([null, null, null]); // a draft holds no one
    await w.run(campaign.id, 'start');
    await w.advance(MINUTE);
    const opens = new Date(Date.parse('2026-01-12T09:00:00Z')).toISOString();
    expect((await queue(w, campaign.id)).map((c) => c.hold)).toEqual(contacts.map(() => ({ rule: 'call_window', until: opens, timeZone: 'Africa/Abidjan' })));
    expect(await w.api.invoke('campaigns.dashboard', { id: campaign.id })).toMatchObject({ heldBy: 'call_window', heldUntil: opens });

    // once the window opens they are dialed, and nothing holds them
    await w.clock.runUntil(Date.parse(opens));
    expect(w.calls(campaign.id)).toHaveLength(1);
    expect((await queue(w, campaign.id)).map((c) => c.hold)).toEqual([null, null, null]);
  });

  it('legal calling hours where the contact is, when the window itself is open', async () => {
    const w = await openWorld({ start: SEVEN_UTC });
    const contacts = await w.addContacts(2);
    const campaign = await w.createCampaign({ legalHoursGuard: true });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    await w.run(campaign.id, 'start');
    await w.advance(MINUTE);
    expect(w.calls(campaign.id)).toHaveLength(0);
    // 08:00 in New York
    const opens = new Date(Date.parse('2026-01-12T13:00:00Z')).toISOString();
    expect((await queue(w, campaign.id)).map((c) => c.hold)).toEqual(contacts.map(() => ({ rule: 'legal_hours', until: opens, timeZone: 'America/New_York' })));
    expect(await w.api.invoke('campaigns.dashboard', { id: campaign.id })).toMatchObject({ heldBy: 'legal_hours', heldUntil: opens });
  });
});

describe('a failed call says why', () => {
  it('in its call row, in Recent calls and in the queue (a simulated failure has a plausible reason)', async () => {
    const w = await openWorld();
    const [failing, answering] = await w.addContacts(2);
    w.script[failing.phone!] = ['failed'];
    w.script[answering.phone!] = ['answered'];
    const campaign = await w.createCampaign({ legalHoursGuard: false });
    await w.enrol(campaign.id, [failing.id, answering.id]);
    await w.run(campaign.id, 'start');
    await w.runToEnd(campaign.id);

    expect(w.calls(campaign.id).map((c) => [c.contactId, c.outcome, c.error])).toEqual(
      expect.arrayContaining([
        [failing.id, 'failed', SIMULATED_FAILURE],
        [answering.id, 'answered', null],
      ]),
    );
    const d = await w.api.invoke('campaigns.dashboard', { id: campaign.id });
    expect(Object.fromEntries(d.recentCalls.map((c) => [c.contactId, c.error]))).toEqual({ [failing.id]: SIMULATED_FAILURE, [answering.id]: null });
    const rows = Object.fromEntries((await queue(w, campaign.id)).map((c) => [c.contactId, c]));
    expect(rows[failing.id]).toMatchObject({ status: 'failed', lastOutcome: 'failed', lastError: SIMULATED_FAILURE });
    expect(rows[answering.id]).toMatchObject({ status: 'completed', lastError: null });
    const calls = await w.api.invoke('calls.list', { campaignId: campaign.id, limit: 10, offset: 0 });
    expect(calls.items.find((c) => c.contactId === failing.id)?.error).toBe(SIMULATED_FAILURE);
  });

  it('a retry after an error keeps the reason of the failed attempt', async () => {
    const w = await openWorld();
    const [contact] = await w.addContacts(1);
    w.script[contact.phone!] = ['failed', 'answered'];
    const campaign = await w.createCampaign({ legalHoursGuard: false, retryOnError: true, retryDelayMinutesError: 30 });
    await w.enrol(campaign.id, [contact.id]);
    await w.run(campaign.id, 'start');
    await w.advance(5 * MINUTE);
    const [row] = await queue(w, campaign.id);
    expect(row).toMatchObject({ status: 'pending', lastOutcome: 'failed', lastError: SIMULATED_FAILURE, hold: null });
    expect(row.nextAttemptAt).not.toBeNull();
  });
});

describe('a contact on a team DNC list', () => {
  it('is named with its list in the queue, and counted in the do-not-call skips with the audit trail', async () => {
    const w = await openWorld();
    const [listed, free] = await w.addContacts(2);
    const campaign = await w.createCampaign();
    await w.enrol(campaign.id, [listed.id, free.id]);
    await w.api.invoke('dnc.import', { name: 'Registry', text: listed.phone! });
    const rows = Object.fromEntries((await queue(w, campaign.id)).map((c) => [c.contactId, c]));
    expect(rows[listed.id]).toMatchObject({ status: 'skipped', skipReason: 'dnc_list', dncList: 'Registry', lastDecision: { rule: 'dnc_list', reason: "on DNC list 'Registry'" } });
    expect(rows[free.id]).toMatchObject({ status: 'pending', dncList: null });
    const d = await w.api.invoke('campaigns.dashboard', { id: campaign.id });
    expect(d).toMatchObject({ skipped: 1, doNotCallSkips: 1, skips: { dnc_list: 1, do_not_call: 0 } });
    const decisions = await w.api.invoke('compliance.decisions', { campaignId: campaign.id });
    expect(decisions.items.filter((x) => x.rule === 'dnc_list')).toHaveLength(d.skips.dnc_list);
  });
});
