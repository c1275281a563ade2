import { createDialerStore } from '../../main/db/dialerStore';
import { VirtualClock } from '../../main/platform/clock';
import { Dialer } from '../../main/dialer/dialer';
import type { TelephonyProvider } from '../../main/telephony/port';
import { silentLogger } from '../../main/platform/log';
import { benchCaller, millionContacts, MILLION } from './millionContacts';
import { percentile, report, timeMs } from './measure';

const DUE = 1000;
const SLOTS = 10;
const ROUNDS = 200;

/** A provider whose calls never end, so each round claims fresh slots. */
const silentProvider: TelephonyProvider = {
  name: 'simulator',
  placeCall: async () => {},
  hangup: async () => {},
  status: async () => ({ state: 'unknown' }),
  onEvent: () => () => {},
  close: async () => {},
};

/**
 * Scheduler tick (one pump filling 10 free slots) with 1,000 due among 1,000,000 enrolled, warm and cold, against the
 * raw indexed SELECT + UPDATE of the same rows, and against the dial floor: that plus the SQL every dial must do (its call
 * row, the DNC and 24-hour-cap probes) without any scheduling logic; then the same tick with 10,000 enrolled, to show it is flat.
 * Also the dashboard figures at 1,000,000 enrolled.
 */
export async function benchDialerTick(): Promise<void> {
  const { core, companyId } = await millionContacts();
  const s = core.services;
  const team = core.localTeam;
  const sqlite = s.store.sqlite;
  const { assistantId, numberId } = await benchCaller(core);
  const window = { callWindowStart: '00:00', callWindowEnd: '23:59', useContactTimezone: false, maxConcurrentCalls: SLOTS };
  const big = await s.campaigns.create(team, { name: 'tick 1M', assistantId, companyId, fromNumberIds: [numberId], ...window });
  await s.enrolment.enrol(team, { id: big.id, audience: { mode: 'all_eligible', companyId, hasPhoneOnly: false, excludeDnc: false }, priority: 0 });
  const small = await s.campaigns.create(team, { name: 'tick 10k', assistantId, companyId, fromNumberIds: [numberId], ...window });
  sqlite
    .prepare(`INSERT INTO campaign_contacts (campaign_id, contact_id, contact_seq, status, enrolled_at, updated_at) SELECT ?, id, seq, 'pending', 0, 0 FROM contacts WHERE company_id = ? LIMIT 10000`)
    .run(small.id, companyId);
  for (const c of [big, small]) await s.campaigns.run(team, c.id, 'start');

  const now = Date.parse('2027-03-10T15:00:00Z');
  const far = now + 365 * 86_400_000;
  const setDue = (campaignId: string, enrolled: number) =>
    sqlite.prepare(`UPDATE campaign_contacts SET next_attempt_at = CASE WHEN seq % ? = 0 THEN 0 ELSE ? END WHERE campaign_id = ?`).run(Math.floor(enrolled / DUE), far, campaignId);
  const reset = (campaignId: string) => {
    sqlite.prepare(`UPDATE campaign_contacts SET status = 'pending', attempts = 0 WHERE campaign_id = ? AND status = 'calling'`).run(campaignId);
    sqlite.prepare(`DELETE FROM calls WHERE campaign_id = ?`).run(campaignId);
  };
  const store = createDialerStore(sqlite);
  const countCalls = sqlite.prepare(`SELECT count(*) FROM calls WHERE campaign_id = ?`).pluck();

  // the calls never end, so every measurement is followed by a reset of the claims and calls it made: each tick
  // starts with 10 free slots. Warm: one dialer, as while a campaign runs (a pump on every freed slot, enrolment or
  // window opening); cold: a new dialer, as on the first pump after a start or a settings change.
  const newDialer = () =>
    new Dialer({ store, clock: new VirtualClock(now), providers: { simulator: silentProvider }, events: s.events, log: silentLogger, compliance: s.compliance, safetyTickMs: 0 });
  const pumped = async (dialer: Dialer, campaignId: string) => {
    const ms = await timeMs(() => dialer.pump(campaignId));
    if (countCalls.get(campaignId) !== SLOTS) throw new Error(`tick placed ${String(countCalls.get(campaignId))} calls, not ${SLOTS}`);
    reset(campaignId);
    return ms;
  };
  setDue(big.id, MILLION);
  setDue(small.id, 10_000);

  // the floors: the raw indexed SELECT + UPDATE of the same rows; and the dial floor: that plus the SQL every dial must
  // also do: read the number it calls, write its call row before the provider is asked (crash safety), and the two index
  // probes the law needs at the moment of dialing (the team's DNC lists, the number's last 24 hours)
  const select = sqlite.prepare(`SELECT seq FROM campaign_contacts WHERE campaign_id = ? AND status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ${SLOTS}`);
  const claim = sqlite.prepare(`UPDATE campaign_contacts SET status = 'calling', attempts = attempts + 1 WHERE seq = ? AND status = 'pending'`);
  const selectWithPhone = sqlite.prepare(
    `SELECT cc.seq, cc.contact_id AS contactId, c.phone FROM campaign_contacts cc JOIN contacts c ON c.seq = cc.contact_seq
     WHERE cc.campaign_id = ? AND cc.status = 'pending' AND cc.next_attempt_at <= ? ORDER BY cc.next_attempt_at LIMIT ${SLOTS}`,
  );
  const callRow = sqlite.prepare(
    `INSERT INTO calls (id, team_id, campaign_id, contact_id, attempt, from_number, to_number, status, provider, started_at)
     VALUES (?, ?, ?, ?, 1, '+12025550100', ?, 'dialing', 'simulator', ?)`,
  );
  const dncProbe = sqlite.prepare(`SELECT 1 FROM dnc_numbers WHERE team_id = ? AND e164 = ? LIMIT 1`);
  const capProbe = sqlite.prepare(`SELECT count(*) FROM calls WHERE to_number = ? AND team_id = ? AND started_at > ?`);
  const floor = async (campaignId: string) => {
    const ms = await timeMs(() => sqlite.transaction(() => (select.all(campaignId, now) as { seq: number }[]).forEach((r) => claim.run(r.seq)))());
    reset(campaignId);
    return ms;
  };
  const dialFloor = async (round: number) => {
    const ms = await timeMs(() =>
      sqlite.transaction(() =>
        (selectWithPhone.all(big.id, now) as { seq: number; contactId: string; phone: string }[]).forEach((r, n) => {
          dncProbe.get(team.teamId, r.phone);
          capProbe.get(r.phone, team.teamId, now - 86_400_000);
          claim.run(r.seq);
          callRow.run(`call_floor_${round}_${n}`, team.teamId, big.id, r.contactId, r.phone, now);
        }),
      )(),
    );
    reset(big.id);
    return ms;
  };

  // interleaved, so drift on the machine weighs on every figure alike
  const samples = { warm: [] as number[], cold: [] as number[], floor: [] as number[], dialFloor: [] as number[], small: [] as number[], smallFloor: [] as number[] };
  const warmBig = newDialer();
  const warmSmall = newDialer();
  for (let i = 0; i < ROUNDS; i++) {
    samples.warm.push(await pumped(warmBig, big.id));
    const cold = newDialer();
    samples.cold.push(await pumped(cold, big.id));
    cold.stop();
    samples.floor.push(await floor(big.id));
    samples.dialFloor.push(await dialFloor(i));
    samples.small.push(await pumped(warmSmall, small.id));
    samples.smallFloor.push(await floor(small.id));
  }
  warmBig.stop();
  warmSmall.stop();
  const p50 = (xs: number[]) => percentile(xs, 50);
  report('scheduler tick, 1M enrolled / 1,000 due / 10 slots (a running campaign)', {
    p50Ms: p50(samples.warm),
    p95Ms: percentile(samples.warm, 95),
    floorP50Ms: p50(samples.floor),
    ratio: p50(samples.warm) / p50(samples.floor),
    dialFloorP50Ms: p50(samples.dialFloor),
    ratioToDialFloor: p50(samples.warm) / p50(samples.dialFloor),
    goal: '<= 2',
  });
  report('scheduler tick, same, first pump after a start or a settings change', {
    p50Ms: p50(samples.cold),
    p95Ms: percentile(samples.cold, 95),
    ratio: p50(samples.cold) / p50(samples.floor),
    ratioToDialFloor: p50(samples.cold) / p50(samples.dialFloor),
  });
  report('scheduler tick, 10k enrolled / 1,000 due (flatness)', {
    p50Ms: p50(samples.small),
    ratio: p50(samples.small) / p50(samples.smallFloor),
    tick1MTo10k: p50(samples.warm) / p50(samples.small),
    floor1MTo10k: p50(samples.floor) / p50(samples.smallFloor),
    goal: 'ratio as at 1M',
  });

  const dash: number[] = [];
  for (let i = 0; i < ROUNDS; i++) dash.push(await timeMs(() => s.dashboard.dashboard(team, big.id)));
  report('dashboard figures, 1M enrolled', { p50Ms: percentile(dash, 50), p95Ms: percentile(dash, 95), goal: '<= 5' });
  for (const c of [big, small]) await s.campaigns.run(team, c.id, 'cancel');
}
