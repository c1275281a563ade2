import type { Core } from '../../main/core';
import type { RequestOf } from '../../shared/contract/channels';
import type { Api } from '../../shared/contract/createApi';
import type { Contact } from '../../shared/crm/types';
import { waitFor } from './harness';
import type { SippUas } from './sipp';

export interface SipCampaignSetup {
  /** The assistant the campaign's number answers for (name and outboundEnabled are set). */
  assistant: Omit<RequestOf<'assistants.create'>, 'name' | 'outboundEnabled'>;
  /** The contacts to enrol, in order. */
  contacts: Omit<RequestOf<'contacts.create'>, 'companyId'>[];
  /** Campaign fields over the defaults below. */
  campaign?: Record<string, unknown>;
}

const HOUR = 3_600_000;

/**
 * A fixed-offset zone (no daylight saving) where the real clock reads about noon now, its weekday there, and
 * the instant its day began: a window of 00:00–23:59 in it stays open for hours either side of a test run at
 * any hour of the day, where one in UTC closes at 23:59 UTC.
 */
export function zoneAtNoon(now = Date.now()) {
  const offsetHours = 12 - new Date(now).getUTCHours();
  // POSIX-style names invert the sign: Etc/GMT-12 is twelve hours ahead of UTC
  const zone = offsetHours === 0 ? 'Etc/GMT' : `Etc/GMT${offsetHours > 0 ? '-' : '+'}${Math.abs(offsetHours)}`;
  const local = new Date(now + offsetHours * HOUR);
  const dayStart = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - offsetHours * HOUR;
  return { zone, weekday: local.getUTCDay(), dayStart };
}

/** A call window open all day in a zone where it is about noon now (see zoneAtNoon). */
export const allDayWindow = (zone = zoneAtNoon().zone) => ({ callWindowStart: '00:00', callWindowEnd: '23:59', callWindowTimezone: zone, useContactTimezone: false });

/**
 * A campaign, with its contacts enrolled, whose one number calls through a trunk to `sipp` (created through
 * the API as a user would). It may dial at any hour of the real clock: the trunk is under test, not the law.
 */
export async function campaignOverSip(api: Api, sipp: Pick<SippUas, 'port'>, setup: SipCampaignSetup) {
  const trunk = await api.invoke('trunks.create', { name: 'SIPp', host: '127.0.0.1', port: sipp.port, transport: 'udp', ringTimeoutSeconds: 1, maxCallSeconds: 30 });
  const assistant = await api.invoke('assistants.create', { name: 'Agent', outboundEnabled: true, ...setup.assistant });
  const number = await api.invoke('phoneNumbers.create', { number: '+12025550100', assistantId: assistant.id, provider: 'sip', trunkId: trunk.id, status: 'active' });
  const company = await api.invoke('companies.create', { name: 'SIPp Inc' });
  const contacts: Contact[] = [];
  for (const contact of setup.contacts) contacts.push(await api.invoke('contacts.create', { companyId: company.id, ...contact }));
  const campaign = await api.invoke('campaigns.create', {
    name: 'Over SIP', assistantId: assistant.id, companyId: company.id, fromNumberIds: [number.id],
    ...allDayWindow(),
    legalHoursGuard: false, rollingCapPer24h: null, maxConcurrentCalls: 5, maxAttemptsPerContact: 1,
    // SIPp's far ends speak at once or not at all: detection (on by default over SIP) would only delay the call,
    // and it has its own test (sipAmd.test.ts)
    voicemailDetection: false,
    ...setup.campaign,
  });
  await api.invoke('campaigns.enrol', { id: campaign.id, contactIds: contacts.map((c) => c.id) });
  return { assistant, company, contacts, campaign };
}

/** Waits until the campaign's status is `status` (the dialer reaches it on its own clock). */
export async function campaignReaches(core: Core, campaignId: string, status: string, limitMs = 15_000): Promise<void> {
  const statusOf = core.services.store.sqlite.prepare('SELECT status FROM campaigns WHERE id = ?').pluck();
  await waitFor(() => statusOf.get(campaignId) === status, limitMs, `the campaign to be ${status}`);
}
