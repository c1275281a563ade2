import { describe, expect, it } from 'vitest';
import { bucketMinutesFor } from '../../main/campaigns/callSeries';
import { CALL_OUTCOMES, type CallOutcome } from '../../shared/campaigns/types';
import { startApiServer, send } from '../api/http';
import { HOUR, MINUTE, openWorld } from '../dialer/dialerFixtures';

/** Monday 2026-01-12 18:00 in New York (EST): after a 09:00–17:00 window has closed. */
const MONDAY_18_NY = Date.parse('2026-01-12T23:00:00Z');
const TUESDAY_9_NY = '2026-01-13T14:00:00.000Z';
const NINE_TO_FIVE_NY = { callWindowStart: '09:00', callWindowEnd: '17:00', callWindowTimezone: 'America/New_York', useContactTimezone: false };

/** A running campaign of `contacts` New York contacts; `outcomes` scripts each contact's calls by attempt. */
async function runningWorld(start: number, campaign: Record<string, unknown>, contacts = 2, outcomes?: (i: number) => CallOutcome[]) {
  const w = await openWorld({ start });
  const people = await w.addContacts(contacts);
  if (outcomes) people.forEach((p, i) => (w.script[p.phone!] = outcomes(i)));
  const c = await w.createCampaign(campaign);
  await w.enrol(c.id, people.map((p) => p.id));
  await w.run(c.id, 'start');
  await w.advance(0);
  const dashboard = () => w.core.services.dashboard.dashboard(w.core.localTeam, c.id);
  return { w, campaign: c, people, dashboard };
}

describe('dashboard: dialing held', () => {
  it('says the window is closed and when it reopens, then dials at that instant', async () => {
    const { w, dashboard } = await runningWorld(MONDAY_18_NY, NINE_TO_FIVE_NY);
    expect(await dashboard()).toMatchObject({ status: 'running', pending: 2, calling: 0, heldBy: 'call_window', heldUntil: TUESDAY_9_NY });

    await w.clock.runUntil(Date.parse(TUESDAY_9_NY));
    const open = await dashboard();
    expect(open.callsInProgress.length).toBeGreaterThan(0);
    expect(open).toMatchObject({ heldBy: null, heldUntil: null });
  });

  it('skips the days the campaign does not call on', async () => {
    const fridayEvening = Date.parse('2026-01-16T23:00:00Z');
    const { dashboard } = await runningWorld(fridayEvening, { ...NINE_TO_FIVE_NY, callDays: [1, 2, 3, 4, 5] });
    expect(await dashboard()).toMatchObject({ heldBy: 'call_window', heldUntil: '2026-01-19T14:00:00.000Z' });
  });

  it('names the next retry when every pending contact waits for one', async () => {
    const { w, dashboard } = await runningWorld(Date.parse('2026-01-12T15:00:00Z'), { retryDelayMinutesNoAnswer: 30, maxAttemptsPerContact: 3 }, 1, () => ['no_answer', 'answered']);
    await w.advance(10 * MINUTE);
    const [call] = w.calls();
    expect(call).toMatchObject({ status: 'ended', outcome: 'no_answer' });
    const d = await dashboard();
    expect(d).toMatchObject({ pending: 1, heldBy: 'retry', heldUntil: new Date(call.endedAt! + 30 * MINUTE).toISOString() });
    expect(d.heldUntil).toBe(new Date(w.enrolments(d.campaignId)[0].nextAttemptAt).toISOString());
  });

  it('is not held while paused, or while calls are in progress', async () => {
    const { w, campaign, dashboard } = await runningWorld(MONDAY_18_NY, NINE_TO_FIVE_NY);
    await w.run(campaign.id, 'pause');
    expect(await dashboard()).toMatchObject({ status: 'paused', heldBy: null, heldUntil: null });

    const busy = await runningWorld(Date.parse('2026-01-12T15:00:00Z'), {});
    const d = await busy.dashboard();
    expect(d.callsInProgress.length).toBeGreaterThan(0);
    expect(d).toMatchObject({ heldBy: null, heldUntil: null });
  });
});

describe('call series: calls over time by outcome', () => {
  it('picks the smallest bucket that keeps the chart at most 120 points wide', () => {
    expect(bucketMinutesFor(0)).toBe(1);
    expect(bucketMinutesFor(119 * MINUTE)).toBe(1);
    expect(bucketMinutesFor(2 * HOUR)).toBe(5);
    expect(bucketMinutesFor(10 * HOUR)).toBe(15);
    expect(bucketMinutesFor(3 * 24 * HOUR)).toBe(60);
    expect(bucketMinutesFor(3650 * 24 * HOUR)).toBe(10_080);
  });

  it('counts every call once, in the bucket it started in, by outcome (in progress apart)', async () => {
    const first = ['no_answer', 'busy', 'answered'] as const;
    const { w, campaign } = await runningWorld(Date.parse('2026-01-12T15:00:00Z'), { maxConcurrentCalls: 2, retryDelayMinutesNoAnswer: 7, retryDelayMinutesBusy: 11, retryOnVoicemail: true }, 6, (i) => [first[i % 3], 'voicemail', 'answered']);
    await w.advance(3 * HOUR);
    const series = await w.api.invoke('campaigns.callSeries', { id: campaign.id });
    const calls = w.calls(campaign.id);
    expect(calls.length).toBeGreaterThan(6);

    const bucketMs = series.bucketMinutes * MINUTE;
    expect(series.bucketMinutes).toBe(bucketMinutesFor(calls.at(-1)!.startedAt - calls[0].startedAt));
    const starts = series.points.map((p) => Date.parse(p.at));
    expect(starts[0]).toBe(Math.floor(calls[0].startedAt / bucketMs) * bucketMs);
    starts.slice(1).forEach((at, i) => expect(at - starts[i]).toBe(bucketMs));
    for (const [i, point] of series.points.entries()) {
      const inBucket = calls.filter((c) => c.startedAt >= starts[i] && c.startedAt < starts[i] + bucketMs);
      for (const outcome of CALL_OUTCOMES) expect(point.outcomes[outcome], `${point.at} ${outcome}`).toBe(inBucket.filter((c) => c.outcome === outcome).length);
      expect(point.inProgress).toBe(inBucket.filter((c) => c.outcome === null).length);
    }
    const total = series.points.reduce((n, p) => n + p.inProgress + Object.values(p.outcomes).reduce((a, b) => a + b, 0), 0);
    expect(total).toBe(calls.length);
  });

  it('is empty before the first call, and served by REST for the campaign, 404 for an unknown one', async () => {
    const { w, campaign } = await runningWorld(MONDAY_18_NY, NINE_TO_FIVE_NY);
    expect(await w.api.invoke('campaigns.callSeries', { id: campaign.id })).toEqual({ campaignId: campaign.id, bucketMinutes: 1, points: [] });

    const { key } = await w.core.services.apiKeys.create(w.core.localTeam, 'test');
    const { port } = await startApiServer(w.core);
    const reply = await send(port, `/api/crm/campaigns/${campaign.id}/call-series`, { key });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ success: true, callSeries: { campaignId: campaign.id, bucketMinutes: 1, points: [] } });
    expect((await send(port, '/api/crm/campaigns/cmp_nope/call-series', { key })).status).toBe(404);
  });
});
