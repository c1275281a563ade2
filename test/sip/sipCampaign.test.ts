import { afterEach, expect, it } from 'vitest';
import { openCore, type Core } from '../../main/core';
import { encodeG711 } from '../../main/telephony/media/g711';
import { silentLogger } from '../../main/platform/log';
import { tone } from '../media/audio';
import { AgentFixture } from '../media/agentFixture';
import { inMemoryApi } from '../support/inMemoryTransport';
import { tempDbFile } from '../support/tempDb';
import { waitFor } from './harness';
import { campaignOverSip, campaignReaches } from './sipCampaignSetup';
import { startSippUas, type SippUas } from './sipp';

// contract.xml answers +12125550001 (and talks 1 s), is busy on …03, declines …04, has no …05, and rings …02 until cancelled
const CONTACTS = { answers: '+12125550001', ringsOut: '+12125550002', busy: '+12125550003', declines: '+12125550004', unknown: '+12125550005' };

let core: Core | undefined;
let sipp: SippUas | undefined;
let agent: AgentFixture | undefined;
afterEach(async () => {
  await core?.close();
  await sipp?.stop();
  await agent?.close();
});

it('a campaign whose number uses a SIPp trunk places real SIP calls, lands each outcome on the dashboard, and bridges the answered call to its agent', async () => {
  sipp = await startSippUas('contract.xml', { rtpEcho: true, timeoutSeconds: 60 });
  agent = await AgentFixture.start();
  core = await openCore({ dbFile: tempDbFile(), log: silentLogger, sipAddress: '127.0.0.1' });
  const api = inMemoryApi(core);

  const { campaign } = await campaignOverSip(api, sipp, {
    assistant: { agentUrl: agent.url },
    contacts: Object.entries(CONTACTS).map(([firstName, phone]) => ({ firstName, phone })),
  });

  // the agent speaks a tone as soon as the call is bridged; SIPp echoes it back to the agent
  const bridged = agent.call(0).then(async (call) => {
    const start = await call.next((m) => m.event === 'start');
    call.speak(encodeG711('PCMU', tone(440, 0.6)));
    return { call, start };
  });
  await api.invoke('campaigns.run', { id: campaign.id, action: 'start' });

  const { call, start } = await bridged;
  expect(start.start!.customParameters).toMatchObject({ from: '+12025550100', to: CONTACTS.answers });
  await waitFor(() => call.heard().length >= 25, 5000, 'the agent hearing the far end');

  await campaignReaches(core, campaign.id, 'completed');
  const dashboard = await api.invoke('campaigns.dashboard', { id: campaign.id });
  expect(dashboard.outcomes).toMatchObject({ answered: 1, no_answer: 1, busy: 1, declined: 1, invalid_number: 1, failed: 0 });
  expect(dashboard).toMatchObject({ total: 5, completed: 4, failed: 1, answered: 1 }); // a number that does not exist is a failed contact
  const calls = await api.invoke('calls.list', { campaignId: campaign.id, limit: 10, offset: 0 });
  expect(calls.items.map((c) => [c.toNumber, c.outcome]).sort()).toEqual([
    [CONTACTS.answers, 'answered'],
    [CONTACTS.ringsOut, 'no_answer'],
    [CONTACTS.busy, 'busy'],
    [CONTACTS.declines, 'declined'],
    [CONTACTS.unknown, 'invalid_number'],
  ]);
  const answered = calls.items.find((c) => c.outcome === 'answered')!;
  expect(answered.durationSeconds).toBeGreaterThan(0.5);
});
