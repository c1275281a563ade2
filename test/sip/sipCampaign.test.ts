import { afterEach, expect, it } from 'vitest';
import { openCore, type Core } from '../../main/core';
import { encodeG711 } from '../../main/dialer/telephony/media/g711';
import { silentLogger } from '../../main/log';
import { tone } from '../media/audio';
import { AgentFixture } from '../media/agentFixture';
import { inMemoryApi } from '../support/inMemoryTransport';
import { tempDbFile } from '../support/tempDb';
import { waitFor } from './harness';
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

  const trunk = await api.invoke('trunks.create', { name: 'SIPp', host: '127.0.0.1', port: sipp.port, transport: 'udp', ringTimeoutSeconds: 1, maxCallSeconds: 30 });
  const assistant = await api.invoke('assistants.create', { name: 'Agent', outboundEnabled: true, agentUrl: agent.url });
  const number = await api.invoke('phoneNumbers.create', { number: '+12025550100', assistantId: assistant.id, provider: 'sip', trunkId: trunk.id, status: 'active' });
  const company = await api.invoke('companies.create', { name: 'SIPp Inc' });
  const contacts = [];
  for (const [name, phone] of Object.entries(CONTACTS)) contacts.push(await api.invoke('contacts.create', { companyId: company.id, firstName: name, phone }));
  const campaign = await api.invoke('campaigns.create', {
    name: 'Over SIP', assistantId: assistant.id, companyId: company.id, fromNumberIds: [number.id],
    callWindowStart: '00:00', callWindowEnd: '23:59', callWindowTimezone: 'UTC', useContactTimezone: false,
    // real time: whatever the hour in New York when this runs, the trunk is under test, not the law
    legalHoursGuard: false, rollingCapPer24h: null, maxConcurrentCalls: 5, maxAttemptsPerContact: 1,
    // this far end hangs up a second after answering, before detection (on by default over SIP) could tell
    // anything from the echo of our own silence: the agent is bridged at the answer (sipAmd.test.ts screens calls)
    voicemailDetection: false,
  });
  await api.invoke('campaigns.enrol', { id: campaign.id, contactIds: contacts.map((c) => c.id) });

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

  await waitFor(() => (core!.services.store.sqlite.prepare('SELECT status FROM campaigns WHERE id = ?').pluck().get(campaign.id) as string) === 'completed', 15_000, 'the campaign to complete');
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
