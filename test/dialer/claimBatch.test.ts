import { describe, expect, it } from 'vitest';
import { createDialerStore } from '../../main/db/dialerStore';
import { DAY, MINUTE, MONDAY_9_NY, openWorld } from './dialerFixtures';

/**
 * A pump claims its contacts in one UPDATE and writes their call rows in one INSERT. An enrolment can be read
 * twice with two numbers (a stale read-ahead row next to a fresh read, after another process dialed the contact
 * and its number was edited there): it is claimed once, at the number it has now.
 */
describe('one enrolment read twice', () => {
  it('is claimed once by the store, as the row given last, with one call row', async () => {
    const w = await openWorld({ seed: 7 });
    const [x] = await w.addContacts(1);
    const campaign = await w.createCampaign({ maxConcurrentCalls: 2 });
    await w.enrol(campaign.id, [x.id]);
    const store = createDialerStore(w.sqlite);
    const dial = store.campaign(campaign.id)!;
    const [fresh] = store.dueFresh(campaign.id, store.zoneKeys(campaign.id)[0], 1);
    const stale = { ...fresh, phone: '+12125550042' };
    const from = store.callerNumbers(campaign.id)[0];
    const claimed = store.batch(() => store.claim({ campaign: dial, calls: [{ due: stale, from }, { due: fresh, from }], at: w.clock.now(), owner: 'review' }));
    expect(claimed.size).toBe(1);
    expect(w.calls(campaign.id).map((c) => c.toNumber)).toEqual([x.phone]);
  });

  it('is dialed once, at its new number, when a stale read-ahead row meets its re-read retry (another process dialed it)', async () => {
    // calls that are answered last 10 minutes, past the 5-minute window
    const w = await openWorld({ seed: 7, durations: { talkSeconds: [600, 600] } });
    const [c1, c2, c3, x, c5, f] = await w.addContacts(6);
    w.script[c1.phone!] = ['declined'];
    for (const c of [c2, c3, x, c5, f]) w.script[c.phone!] = ['answered'];
    const campaign = await w.createCampaign({ maxConcurrentCalls: 2, callWindowStart: '09:00', callWindowEnd: '09:05', rollingCapPer24h: null });
    // one at a time: enrolment order (seq) is this order
    for (const c of [c1, c2, c3, x, c5, f]) await w.enrol(campaign.id, [c.id]);
    const seqOf = (contactId: string) =>
      w.sqlite.prepare('SELECT seq FROM campaign_contacts WHERE campaign_id = ? AND contact_id = ?').pluck().get(campaign.id, contactId) as number;
    // f waits for a retry tomorrow at 09:00 (from an earlier run): the dialer re-reads its retries then
    w.sqlite.prepare('UPDATE campaign_contacts SET attempts = 1, next_attempt_at = ? WHERE seq = ?').run(MONDAY_9_NY + DAY, seqOf(f.id));

    await w.run(campaign.id, 'start');
    // c1 declines at once: the freed slot reads ahead [c3, x, c5] and claims c3; x and c5 stay read ahead
    await w.advance(20 * MINUTE);
    expect(w.calls(campaign.id).map((r) => r.contactId)).toEqual([c1.id, c2.id, c3.id]);

    // meanwhile a second dialer on the same file (no events reach this one) dialed x, scheduled its retry,
    // and someone edited x's number through that instance
    const xSeq = seqOf(x.id);
    w.sqlite
      .prepare(`UPDATE campaign_contacts SET attempts = 1, no_answer_attempts = 1, last_outcome = 'no_answer', next_attempt_at = ? WHERE seq = ?`)
      .run(MONDAY_9_NY + 30 * MINUTE, xSeq);
    w.sqlite
      .prepare(
        `INSERT INTO calls (id, team_id, campaign_id, contact_id, attempt, from_number_id, from_number, to_number, status, outcome, provider, owner, started_at, ended_at)
         VALUES ('call_other_instance', 'team_default', ?, ?, 1, ?, ?, ?, 'ended', 'no_answer', 'simulator', 'other', ?, ?)`,
      )
      .run(campaign.id, x.id, w.numberIds[0], w.numbers[0], x.phone, MONDAY_9_NY + 5 * MINUTE, MONDAY_9_NY + 6 * MINUTE);
    w.sqlite.prepare('UPDATE contacts SET phone = ? WHERE id = ?').run('+12125550042', x.id);

    // tomorrow 09:00: the window opens, the retries are read again; x comes from both streams
    await w.advance(DAY);
    const ofX = w.calls(campaign.id).filter((r) => r.contactId === x.id);
    expect(ofX).toHaveLength(2);
    expect(ofX[1].startedAt).toBe(MONDAY_9_NY + DAY);
    expect(ofX[1].toNumber).toBe('+12125550042');
  });
});
