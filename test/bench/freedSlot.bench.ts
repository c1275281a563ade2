import { openCore } from '../../main/core';
import { seedDemo } from '../../main/demo/seedDemo';
import { realClock } from '../../main/platform/clock';
import type { CallEvent, TelephonyProvider } from '../../main/telephony/port';
import { SimulatorProvider } from '../../main/telephony/simulator';
import { silentLogger } from '../../main/platform/log';
import { tempFile } from '../support/tempFiles';
import { percentile, report, withinLimit } from './measure';

const SAMPLES = 150;
/** 150 dials at 1 call at once and a 2000× simulator take about 2 s; far past that, nothing is being dialed. */
const LIMIT_MS = 60_000;

/** Real time: from a call ending to the next call of the campaign being dialed (hosted peers poll every 30–60 s). */
export async function benchFreedSlot(): Promise<void> {
  let endedAt: number | null = null;
  const clock = realClock();
  const simulator = new SimulatorProvider({ clock, timeScale: 2000, seed: 5 });
  // the clock starts when the provider reports the end, before the dialer sees it
  const provider: TelephonyProvider = Object.assign(Object.create(simulator) as TelephonyProvider, {
    onEvent: (listener: (e: CallEvent) => void) =>
      simulator.onEvent((e) => {
        if (e.type === 'ended') endedAt = performance.now();
        listener(e);
      }),
  });
  const core = await openCore({ dbFile: tempFile('latency.db'), log: silentLogger, clock, providers: { simulator: provider } });
  const s = core.services;
  const team = core.localTeam;
  await seedDemo(s, team);
  const [assistant] = await s.assistants.list(team, { outboundEligibleOnly: true });
  const numbers = await s.phoneNumbers.list(team, { assistantId: assistant.id });
  const company = (await s.companies.list(team, { search: 'Northwind', limit: 1, offset: 0 })).items[0];
  const campaign = await s.campaigns.create(team, {
    name: 'latency', assistantId: assistant.id, companyId: company.id, fromNumberIds: numbers.map((n) => n.id),
    callWindowStart: '00:00', callWindowEnd: '23:59', useContactTimezone: false, maxConcurrentCalls: 1,
    // real time: the scheduler is measured, not the law, which holds the demo's US contacts half of every day
    legalHoursGuard: false,
  });
  await s.enrolment.enrol(team, { id: campaign.id, audience: { mode: 'all_eligible', companyId: company.id, hasPhoneOnly: true, excludeDnc: true }, priority: 0 });
  const samples: number[] = [];
  const done = new Promise<void>((resolve) => {
    s.events.on('calls.changed', (e) => {
      if (e.status === 'dialing' && endedAt !== null) {
        samples.push(performance.now() - endedAt);
        endedAt = null;
        if (samples.length >= SAMPLES) resolve();
      }
    });
  });
  await s.campaigns.run(team, campaign.id, 'start');
  try {
    await withinLimit(done, LIMIT_MS, `freed slot: ${samples.length} of ${SAMPLES} freed slots seen`);
  } finally {
    await s.campaigns.run(team, campaign.id, 'cancel');
    await core.close();
  }
  report('freed slot -> next dial (real time)', { samples: samples.length, p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95), goal: 'p95 <= 100' });
}
