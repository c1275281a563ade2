import type { Core } from '../../main/core';
import type { Api } from '../../shared/contract/createApi';
import type { Assistant, Company, Contact, PhoneNumber } from '../../shared/crm/types';
import { inMemoryApi } from '../support/inMemoryTransport';

/** A fixed "now" before every scheduled start the tests use (the earliest is 2026-06-01). */
export const T0 = Date.parse('2026-01-15T12:00:00Z');

/** Lets async work started by events (a scheduled-start watcher, if any) finish. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

export interface World {
  core: Core;
  api: Api;
  team: { teamId: string };
  /** Outbound enabled, numbers n1 + n2 active and n3 suspended. */
  assistant: Assistant;
  n1: PhoneNumber;
  n2: PhoneNumber;
  n3: PhoneNumber;
  /** Another outbound assistant with its own active number n4. */
  other: Assistant;
  n4: PhoneNumber;
  /** Outbound turned off, with an active number n5. */
  disabled: Assistant;
  /** Outbound on, only a suspended number n6. */
  suspendedOnly: Assistant;
  /** Outbound on, no numbers at all. */
  bare: Assistant;
  acme: Company;
  globex: Company;
}

let phoneSeq = 0;
/** A fresh valid US number per call. */
export function nextPhone(): string {
  phoneSeq = (phoneSeq + 1) % 9000;
  return `+1202555${String(1000 + phoneSeq)}`;
}

export async function makeWorld(core: Core): Promise<World> {
  const api = inMemoryApi(core);
  const number = (assistantId: string, status: 'active' | 'suspended' = 'active') =>
    api.invoke('phoneNumbers.create', { number: nextPhone(), assistantId, status, label: status });
  const assistant = await api.invoke('assistants.create', { name: 'Outbound', outboundEnabled: true });
  const n1 = await number(assistant.id);
  const n2 = await number(assistant.id);
  const n3 = await number(assistant.id, 'suspended');
  const other = await api.invoke('assistants.create', { name: 'Other', outboundEnabled: true });
  const n4 = await number(other.id);
  const disabled = await api.invoke('assistants.create', { name: 'Disabled', outboundEnabled: false });
  await number(disabled.id);
  const suspendedOnly = await api.invoke('assistants.create', { name: 'Suspended only', outboundEnabled: true });
  await number(suspendedOnly.id, 'suspended');
  const bare = await api.invoke('assistants.create', { name: 'Bare', outboundEnabled: true });
  const acme = await api.invoke('companies.create', { name: 'Acme' });
  const globex = await api.invoke('companies.create', { name: 'Globex' });
  return { core, api, team: core.localTeam, assistant, n1, n2, n3, other, n4, disabled, suspendedOnly, bare, acme, globex };
}

/** The seed's required fields, valid for the world. */
export function required(w: World, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'Q2 Enterprise Outreach', assistantId: w.assistant.id, companyId: w.acme.id, fromNumberIds: [w.n1.id, w.n2.id], ...extra };
}

export async function addContact(w: World, companyId: string, extra: Record<string, unknown> = {}): Promise<Contact> {
  return w.api.invoke('contacts.create', { companyId, firstName: 'C', lastName: String(phoneSeq), phone: nextPhone(), ...extra });
}

/** The enrolment rows of a campaign straight from the table. */
export function enrolmentRows(core: Core, campaignId: string): { contactId: string; status: string; skipReason: string | null; priority: number }[] {
  return core.services.store.sqlite
    .prepare('SELECT contact_id AS contactId, status, skip_reason AS skipReason, priority FROM campaign_contacts WHERE campaign_id = ? ORDER BY seq')
    .all(campaignId) as { contactId: string; status: string; skipReason: string | null; priority: number }[];
}
