import { describe, expect, it } from 'vitest';
import { eligibleToCallSql, excludeDncSql, skipReasonSql } from '../../main/crm/eligibility';
import { doNotCallReason, ineligibleReason, type IneligibleReason } from '../../shared/crm/eligibility';
import type { Contact } from '../../shared/crm/types';
import { LEAD_STATUSES, type LeadStatus } from '../../shared/crm/leadStatus';
import { openWorld, type World } from '../dialer/dialerFixtures';

/**
 * One row of the table: every combination of what decides "eligible to call". A contact without a phone cannot
 * be on a DNC list (the lists hold numbers).
 */
interface Case {
  phone: boolean;
  doNotCall: boolean;
  leadStatus: LeadStatus;
  listed: boolean;
}

const CASES: Case[] = [];
for (const phone of [false, true]) {
  for (const doNotCall of [false, true]) {
    for (const leadStatus of LEAD_STATUSES) {
      for (const listed of phone ? [false, true] : [false]) CASES.push({ phone, doNotCall, leadStatus, listed });
    }
  }
}

/** The definition in words, for the table: the first of these that applies. */
function expectedReason(c: Case): IneligibleReason | null {
  if (!c.phone) return 'no_phone';
  if (c.doNotCall) return 'do_not_call';
  if (c.leadStatus === 'do_not_contact') return 'do_not_contact';
  return c.listed ? 'dnc_list' : null;
}

/** What "Exclude DNC" leaves out: any do-not-call rule, with or without a phone. */
const expectedDoNotCall = (c: Case) => c.doNotCall || c.leadStatus === 'do_not_contact' || c.listed;

const phoneOf = (i: number) => `+1212555${String(3000 + i)}`;
const label = (c: Case) => `phone ${c.phone}, doNotCall ${c.doNotCall}, ${c.leadStatus}, listed ${c.listed}`;

/** The listed numbers go on two lists; the one first by name is the contact's list. */
async function listNumbers(w: World): Promise<void> {
  const listed = CASES.flatMap((c, i) => (c.listed ? [phoneOf(i)] : []));
  await w.api.invoke('dnc.import', { name: 'Registry', text: listed.join('\n') });
  await w.api.invoke('dnc.import', { name: 'Another list', text: listed.slice(0, 3).join('\n') });
}
const listNameOf = (i: number) => (CASES.slice(0, i + 1).filter((c) => c.listed).length <= 3 ? 'Another list' : 'Registry');

/** One contact per case, in table order, named after its row. */
async function createCases(w: World, companyId = w.companyId): Promise<Contact[]> {
  const out: Contact[] = [];
  for (const [i, c] of CASES.entries()) {
    out.push(
      await w.api.invoke('contacts.create', { companyId, firstName: `Case ${i}`, phone: c.phone ? phoneOf(i) : null, doNotCall: c.doNotCall, leadStatus: c.leadStatus }),
    );
  }
  return out;
}

const caseOf = (contactFirstName: string) => Number(contactFirstName.replace('Case ', ''));
const ids = (items: { id: string }[]) => items.map((c) => c.id).sort();

async function listIds(w: World, query: Record<string, unknown>): Promise<string[]> {
  return ids((await w.api.invoke('contacts.list', { companyId: w.companyId, limit: 500, ...query })).items);
}

function decisionsOf(w: World, campaignId: string) {
  return w.sqlite
    .prepare(`SELECT contact_id AS contactId, rule, reason FROM compliance_decisions WHERE campaign_id = ? AND kind = 'skip' ORDER BY contact_id`)
    .all(campaignId) as { contactId: string; rule: string; reason: string }[];
}

describe('"eligible to call": one rule in TypeScript and in SQL, over every combination', () => {
  it('the table covers each combination once', () => {
    expect(CASES).toHaveLength(2 * LEAD_STATUSES.length + 2 * LEAD_STATUSES.length * 2);
    expect(new Set(CASES.map(label)).size).toBe(CASES.length);
  });

  it('the TypeScript predicate, the SQL fragments and the contact list agree', async () => {
    const w = await openWorld();
    await listNumbers(w);
    const created = await createCases(w);
    const listed = (await w.api.invoke('contacts.list', { companyId: w.companyId, limit: 500 })).items;
    expect(listed).toHaveLength(CASES.length);
    for (const contact of [...listed, ...created]) {
      const i = caseOf(contact.firstName);
      const c = CASES[i];
      expect(contact.dncList, label(c)).toBe(c.listed ? listNameOf(i) : null);
      expect(ineligibleReason(contact), label(c)).toBe(expectedReason(c));
      expect(contact.eligible, label(c)).toBe(expectedReason(c) === null);
      expect(doNotCallReason(contact) !== null, label(c)).toBe(expectedDoNotCall(c));
    }

    const bySql = await w.core.services.store.db
      .selectFrom('contacts')
      .select(['firstName', skipReasonSql().as('reason'), eligibleToCallSql().as('eligible'), excludeDncSql().as('kept')])
      .where('companyId', '=', w.companyId)
      .execute();
    expect(bySql).toHaveLength(CASES.length);
    for (const row of bySql) {
      const c = CASES[caseOf(row.firstName)];
      expect(row.reason, label(c)).toBe(expectedReason(c));
      expect(Boolean(row.eligible), label(c)).toBe(expectedReason(c) === null);
      expect(Boolean(row.kept), label(c)).toBe(!expectedDoNotCall(c));
    }

    const where = (keep: (c: Case) => boolean) => ids(listed.filter((contact) => keep(CASES[caseOf(contact.firstName)])));
    expect(await listIds(w, { eligibleOnly: true })).toEqual(where((c) => expectedReason(c) === null));
    expect(await listIds(w, { excludeDnc: true })).toEqual(where((c) => !expectedDoNotCall(c)));
    expect(await listIds(w, { excludeDnc: true, hasPhone: true })).toEqual(await listIds(w, { eligibleOnly: true }));
  });

  it('enrolment applies it: pending or skipped with its reason (a DNC-list skip with its audit row); "Exclude DNC" leaves out what the contact list does', async () => {
    const w = await openWorld();
    await listNumbers(w);
    const contacts = await createCases(w);
    const byId = new Map(contacts.map((c) => [c.id, CASES[caseOf(c.firstName)]]));

    const manual = await w.createCampaign();
    const result = await w.api.invoke('campaigns.enrol', { id: manual.id, contactIds: contacts.map((c) => c.id) });
    const callable = CASES.filter((c) => expectedReason(c) === null).length;
    expect(result).toEqual({ enrolled: callable, skipped: CASES.length - callable, alreadyEnrolled: 0 });
    for (const row of w.enrolments(manual.id)) {
      const c = byId.get(row.contactId)!;
      expect({ status: row.status, skipReason: row.skipReason }, label(c)).toEqual(
        expectedReason(c) === null ? { status: 'pending', skipReason: null } : { status: 'skipped', skipReason: expectedReason(c) },
      );
    }
    const audited = decisionsOf(w, manual.id);
    const listSkips = contacts.filter((c) => expectedReason(byId.get(c.id)!) === 'dnc_list');
    expect(audited.map((d) => d.contactId)).toEqual(ids(listSkips));
    for (const d of audited) expect(d).toMatchObject({ rule: 'dnc_list', reason: `on DNC list '${listNameOf(caseOf(contacts.find((c) => c.id === d.contactId)!.firstName))}'` });
    // enrolled again: nothing new, no second audit row
    await w.api.invoke('campaigns.enrol', { id: manual.id, contactIds: contacts.map((c) => c.id) });
    expect(decisionsOf(w, manual.id)).toHaveLength(listSkips.length);

    for (const hasPhoneOnly of [false, true]) {
      for (const excludeDnc of [false, true]) {
        const campaign = await w.createCampaign();
        await w.api.invoke('campaigns.enrol', { id: campaign.id, audience: { mode: 'all_eligible', companyId: w.companyId, hasPhoneOnly, excludeDnc } });
        const rows = w.enrolments(campaign.id);
        const what = `hasPhoneOnly ${hasPhoneOnly}, excludeDnc ${excludeDnc}`;
        expect(rows.map((r) => r.contactId).sort(), what).toEqual(await listIds(w, { hasPhone: hasPhoneOnly, excludeDnc }));
        for (const row of rows) expect(row.skipReason, `${what}: ${label(byId.get(row.contactId)!)}`).toBe(expectedReason(byId.get(row.contactId)!));
      }
    }
  });

  it('evergreen enrolment (the contact triggers) applies it to contacts created and changed later', async () => {
    const w = await openWorld();
    await listNumbers(w);
    const everyone = await w.createCampaign({ keepOpen: true });
    await w.api.invoke('campaigns.enrol', { id: everyone.id, audience: { mode: 'all_eligible', companyId: w.companyId, hasPhoneOnly: false, excludeDnc: false } });
    const callableOnly = await w.createCampaign({ keepOpen: true });
    await w.api.invoke('campaigns.enrol', { id: callableOnly.id, audience: { mode: 'all_eligible', companyId: w.companyId, hasPhoneOnly: true, excludeDnc: true } });
    const contacts = await createCases(w);
    const byId = new Map(contacts.map((c) => [c.id, CASES[caseOf(c.firstName)]]));

    const rows = w.enrolments(everyone.id);
    expect(rows).toHaveLength(CASES.length);
    for (const row of rows) expect(row.skipReason, label(byId.get(row.contactId)!)).toBe(expectedReason(byId.get(row.contactId)!));
    expect(w.enrolments(callableOnly.id).map((r) => r.contactId).sort()).toEqual(await listIds(w, { hasPhone: true, excludeDnc: true }));
    const listSkips = ids(contacts.filter((c) => expectedReason(byId.get(c.id)!) === 'dnc_list'));
    expect(decisionsOf(w, everyone.id).map((d) => d.contactId)).toEqual(listSkips);

    // clearing the flag and the lead status of a listed contact does not make it callable: its skip stays, audited once
    for (const contact of contacts.filter((c) => byId.get(c.id)!.listed)) {
      await w.api.invoke('contacts.update', { id: contact.id, doNotCall: false, leadStatus: 'qualified' });
    }
    for (const row of w.enrolments(everyone.id).filter((r) => byId.get(r.contactId)!.listed)) expect(row.status, label(byId.get(row.contactId)!)).toBe('skipped');
    expect(decisionsOf(w, everyone.id).map((d) => d.contactId)).toEqual(listSkips);
  });

  it("the dialer's moment-of-dialing check (its claim SQL and DNC lookup) agrees: it calls exactly the eligible contacts", async () => {
    const w = await openWorld();
    // every contact callable at enrolment, then turned into its case while pending
    const contacts: Contact[] = [];
    for (const i of CASES.keys()) contacts.push(await w.api.invoke('contacts.create', { companyId: w.companyId, firstName: `Case ${i}`, phone: phoneOf(i) }));
    const campaign = await w.createCampaign({ legalHoursGuard: false, maxConcurrentCalls: 10, rollingCapPer24h: null });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    expect(w.enrolments(campaign.id).every((r) => r.status === 'pending')).toBe(true);
    for (const [i, c] of CASES.entries()) {
      await w.api.invoke('contacts.update', { id: contacts[i].id, phone: c.phone ? phoneOf(i) : null, doNotCall: c.doNotCall, leadStatus: c.leadStatus });
    }
    // written straight to the table: a list import would skip these pending contacts before the dialer saw them
    const add = w.sqlite.prepare(`INSERT INTO dnc_numbers (list_id, team_id, e164, added_at) VALUES ('dnc_raw', ?, ?, 0)`);
    w.sqlite.prepare(`INSERT INTO dnc_lists (id, team_id, name, created_at, updated_at) VALUES ('dnc_raw', ?, 'Raw', 0, 0)`).run(w.core.localTeam.teamId);
    CASES.forEach((c, i) => c.listed && add.run(w.core.localTeam.teamId, phoneOf(i)));
    expect(w.enrolments(campaign.id).every((r) => r.status === 'pending')).toBe(true);

    await w.run(campaign.id, 'start');
    await w.runToEnd(campaign.id);
    const called = new Set(w.calls(campaign.id).map((call) => call.contactId));
    for (const row of w.enrolments(campaign.id)) {
      const c = CASES[contacts.findIndex((contact) => contact.id === row.contactId)];
      expect(called.has(row.contactId), label(c)).toBe(expectedReason(c) === null);
      if (expectedReason(c) !== null) expect({ status: row.status, skipReason: row.skipReason }, label(c)).toEqual({ status: 'skipped', skipReason: expectedReason(c) });
    }
  }, 60_000);
});
