import type { Generated } from 'kysely';
import type { LeadStatus, PhoneNumberStatus } from '../../shared/crm/types';

/** Table types as Kysely sees them (camelCase; CamelCasePlugin maps to the snake_case columns). */
export interface TeamTable {
  id: string;
  name: string;
  createdAt: number;
}

export interface CompanyTable {
  id: string;
  teamId: string;
  name: string;
  website: string | null;
  industry: string | null;
  phone: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  /** JSON object */
  customFields: string;
  createdAt: number;
  updatedAt: number;
}

export interface ContactTable {
  seq: Generated<number>;
  id: string;
  teamId: string;
  companyId: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  phoneSecondary: string | null;
  email: string | null;
  jobTitle: string | null;
  leadStatus: LeadStatus;
  source: string | null;
  timezone: string | null;
  doNotCall: number;
  notes: string | null;
  /** JSON array */
  tags: string;
  /** JSON object */
  customFields: string;
  createdAt: number;
  updatedAt: number;
}

export interface AssistantTable {
  id: string;
  teamId: string;
  name: string;
  greeting: string | null;
  prompt: string | null;
  voicemailMessage: string | null;
  outboundEnabled: number;
  provider: string;
  createdAt: number;
  updatedAt: number;
}

export interface PhoneNumberTable {
  id: string;
  teamId: string;
  number: string;
  label: string | null;
  provider: string;
  /** JSON object */
  providerConfig: string;
  status: PhoneNumberStatus;
  assistantId: string | null;
  createdAt: number;
  updatedAt: number;
}

/** FTS5 trigram index over contacts (rowid = contacts.seq); see migration 002. */
export interface ContactSearchTable {
  rowid: number;
  name: string;
  email: string;
  phone: string;
}

export interface Database {
  teams: TeamTable;
  companies: CompanyTable;
  contacts: ContactTable;
  contactsSearch: ContactSearchTable;
  assistants: AssistantTable;
  phoneNumbers: PhoneNumberTable;
}
