import { sql } from 'kysely';
import { benchCaller, millionContacts } from './millionContacts';
import { report, timeMs } from './measure';

/** all_eligible enrolment of 1,000,000 contacts vs the raw INSERT … SELECT floor (the same rule, DNC lists included) on the same database. */
export async function benchEnrolment(): Promise<void> {
  const { core, companyId } = await millionContacts();
  const team = core.localTeam;
  const s = core.services;
  const { assistantId, numberId } = await benchCaller(core);
  const campaign = (name: string) => s.campaigns.create(team, { name, assistantId, companyId, fromNumberIds: [numberId] });
  const sqlite = s.store.sqlite;
  const clear = (id: string) => sqlite.prepare('DELETE FROM campaign_contacts WHERE campaign_id = ?').run(id);

  const floorCampaign = await campaign('floor');
  const floor = () =>
    timeMs(() =>
      sqlite
        .prepare(
          `INSERT INTO campaign_contacts (campaign_id, contact_id, contact_seq, status, enrolled_at, updated_at)
           SELECT ?, id, seq, 'pending', 0, 0 FROM contacts
           WHERE company_id = ? AND phone IS NOT NULL AND do_not_call = 0 AND lead_status <> 'do_not_contact'
             AND NOT EXISTS (SELECT 1 FROM dnc_numbers d WHERE d.team_id = contacts.team_id AND d.e164 = contacts.phone)`,
        )
        .run(floorCampaign.id, companyId),
    );
  const floorMs = await floor();
  clear(floorCampaign.id);

  const real = await campaign('real');
  let result: Awaited<ReturnType<typeof s.enrolment.enrol>> | undefined;
  const enrolMs = await timeMs(async () => {
    result = await s.enrolment.enrol(team, { id: real.id, audience: { mode: 'all_eligible', companyId, hasPhoneOnly: true, excludeDnc: true }, priority: 0 });
  });
  clear(real.id);
  const floorAgainMs = await floor();
  const { n } = await sql<{ n: number }>`SELECT count(*) AS n FROM campaign_contacts WHERE campaign_id = ${floorCampaign.id}`.execute(s.store.db).then((r) => r.rows[0]);
  clear(floorCampaign.id);
  if (result!.enrolled !== n) throw new Error(`enrolment bench: service enrolled ${result!.enrolled}, floor ${n}`);
  const bestFloor = Math.min(floorMs, floorAgainMs);
  report('all_eligible enrolment 1M', { enrolled: n, enrolMs, floorMs: bestFloor, ratio: enrolMs / bestFloor, goal: '<= 1.5' });
}
